package io.github.reftrack;

/**
 * The kernel self-test's nineteen allocation helpers ({@code alloctest_ref_tracker_alloc1..19})
 * and its single free helper: one distinct stack per helper.
 */
final class SelfTestSites {
    private SelfTestSites() {
    }

    static RefTracker alloc(int i, RefTrackerDir dir) {
        switch (i) {
            case 1:
                return alloctest1(dir);
            case 2:
                return alloctest2(dir);
            case 3:
                return alloctest3(dir);
            case 4:
                return alloctest4(dir);
            case 5:
                return alloctest5(dir);
            case 6:
                return alloctest6(dir);
            case 7:
                return alloctest7(dir);
            case 8:
                return alloctest8(dir);
            case 9:
                return alloctest9(dir);
            case 10:
                return alloctest10(dir);
            case 11:
                return alloctest11(dir);
            case 12:
                return alloctest12(dir);
            case 13:
                return alloctest13(dir);
            case 14:
                return alloctest14(dir);
            case 15:
                return alloctest15(dir);
            case 16:
                return alloctest16(dir);
            case 17:
                return alloctest17(dir);
            case 18:
                return alloctest18(dir);
            case 19:
                return alloctest19(dir);
            default:
                throw new IllegalArgumentException("the self-test has helpers 1..19, not " + i);
        }
    }

    static RefTracker alloctest1(RefTrackerDir dir) {
        return dir.alloc();
    }

    static RefTracker alloctest2(RefTrackerDir dir) {
        return dir.alloc();
    }

    static RefTracker alloctest3(RefTrackerDir dir) {
        return dir.alloc();
    }

    static RefTracker alloctest4(RefTrackerDir dir) {
        return dir.alloc();
    }

    static RefTracker alloctest5(RefTrackerDir dir) {
        return dir.alloc();
    }

    static RefTracker alloctest6(RefTrackerDir dir) {
        return dir.alloc();
    }

    static RefTracker alloctest7(RefTrackerDir dir) {
        return dir.alloc();
    }

    static RefTracker alloctest8(RefTrackerDir dir) {
        return dir.alloc();
    }

    static RefTracker alloctest9(RefTrackerDir dir) {
        return dir.alloc();
    }

    static RefTracker alloctest10(RefTrackerDir dir) {
        return dir.alloc();
    }

    static RefTracker alloctest11(RefTrackerDir dir) {
        return dir.alloc();
    }

    static RefTracker alloctest12(RefTrackerDir dir) {
        return dir.alloc();
    }

    static RefTracker alloctest13(RefTrackerDir dir) {
        return dir.alloc();
    }

    static RefTracker alloctest14(RefTrackerDir dir) {
        return dir.alloc();
    }

    static RefTracker alloctest15(RefTrackerDir dir) {
        return dir.alloc();
    }

    static RefTracker alloctest16(RefTrackerDir dir) {
        return dir.alloc();
    }

    static RefTracker alloctest17(RefTrackerDir dir) {
        return dir.alloc();
    }

    static RefTracker alloctest18(RefTrackerDir dir) {
        return dir.alloc();
    }

    static RefTracker alloctest19(RefTrackerDir dir) {
        return dir.alloc();
    }

    static boolean allocTestFree(RefTrackerDir dir, RefTracker tracker) {
        return dir.free(tracker);
    }
}
