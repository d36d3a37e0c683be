/*
 * reftrack's optional native stack capture: HotSpot's AsyncGetCallTrace, called on the current
 * thread through JNI, and JVMTI to turn its frames back into class, method, file and line.
 *
 * AsyncGetCallTrace is not a supported interface. It is exported by libjvm for profilers; it is
 * looked up with dlsym so that a JVM without it makes loading report why instead of failing to
 * link. Called from a native method, the calling thread is "in native" and has a walkable last
 * Java frame, which HotSpot uses as the top of the walk; the ucontext argument is only read for
 * a thread interrupted while running Java code, so passing NULL is correct here.
 *
 * Two conditions make it answer at all: the ClassLoad event must be enabled in some JVMTI
 * environment (otherwise it reports -1), and every method on the stack must already have a
 * jmethodID (it never creates one; a frame without one comes back with a NULL id). JNI_OnLoad
 * therefore enables ClassLoad and ClassPrepare and asks for the methods of every loaded and
 * every newly prepared class, which creates their ids.
 *
 * A raw frame is one jlong: the jmethodID in the low 48 bits and the bytecode index in the high
 * 16 (0xFFFF for a native method). Capture refuses (returns an error) rather than truncate an
 * id that does not fit. Describing a method checks its id with JVMTI first: HotSpot keeps the
 * storage of ids whose class was unloaded and answers JVMTI_ERROR_INVALID_METHODID for them, so
 * a stale frame becomes an "unloaded" marker instead of a crash. Once the declaring class is
 * held as a local reference it cannot be unloaded until the reference is dropped. Line numbers
 * are looked up from the table in Java, which caches a method's description.
 *
 * The automatic capture asks first how much deeper the calling thread's stack is, in bytes, than
 * at the shallowest point it was asked from on that thread (a thread-local variable keeps it). A
 * probe, not a walk: a few nanoseconds whatever the depth. Neither the top of the thread's stack
 * nor where the thread started would do: below the first capture lie the launcher's native frames
 * (~6 KB on the main thread) or a thread's outer Java frames, often interpreted at 100-300 bytes
 * each, which would make shallow stacks look deep.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <jni.h>
#include <jvmti.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    jint lineno; /* bci, or a negative marker such as -3 for a native method */
    jmethodID method_id;
} agct_frame;

typedef struct {
    JNIEnv *env;
    jint num_frames;
    agct_frame *frames;
} agct_trace;

typedef void (*agct_fn)(agct_trace *, jint, void *);

/* Error codes of our own; AsyncGetCallTrace's are -1 to -10. */
#define RT_NO_JAVA_FRAME (-20)
#define RT_UNEXPECTED_TOP (-21)
#define RT_ID_TOO_WIDE (-22)
#define RT_NO_METHOD_ID (-23)
#define RT_OUT_OF_MEMORY (-24)

#define AGCT_NATIVE_FRAME (-3)
#define ID_MASK ((jlong)0xFFFFFFFFFFFFLL)
#define BCI_NATIVE 0xFFFF
#define STACK_FRAMES 512

static jvmtiEnv *jvmti;
/*
 * The shallowest point depthBytes0 was called from on this thread: the highest address, as stacks
 * grow down on x86-64.
 */
static __thread uintptr_t shallowest;
static agct_fn agct;
static jmethodID capture_method;
static char failure[512];

static void fail(const char *what, int code) {
    if (failure[0] == '\0') {
        snprintf(failure, sizeof failure, "%s (JVMTI error %d)", what, code);
    }
}

static void create_method_ids(jvmtiEnv *env, jclass klass) {
    jint count;
    jmethodID *methods;
    if ((*env)->GetClassMethods(env, klass, &count, &methods) == JVMTI_ERROR_NONE) {
        (*env)->Deallocate(env, (unsigned char *) methods);
    }
}

static void JNICALL on_class_load(jvmtiEnv *env, JNIEnv *jni, jthread thread, jclass klass) {
    (void) env;
    (void) jni;
    (void) thread;
    (void) klass;
}

static void JNICALL on_class_prepare(jvmtiEnv *env, JNIEnv *jni, jthread thread, jclass klass) {
    (void) jni;
    (void) thread;
    create_method_ids(env, klass);
}

static void prepare_loaded_classes(JNIEnv *jni) {
    jint count;
    jclass *classes;
    jvmtiError err = (*jvmti)->GetLoadedClasses(jvmti, &count, &classes);
    if (err != JVMTI_ERROR_NONE) {
        fail("GetLoadedClasses failed", err);
        return;
    }
    for (jint i = 0; i < count; i++) {
        create_method_ids(jvmti, classes[i]);
        (*jni)->DeleteLocalRef(jni, classes[i]);
    }
    (*jvmti)->Deallocate(jvmti, (unsigned char *) classes);
}

static void start(JavaVM *vm) {
    JNIEnv *jni;
    if ((*vm)->GetEnv(vm, (void **) &jni, JNI_VERSION_1_8) != JNI_OK) {
        fail("no JNI environment", 0);
        return;
    }
    agct = (agct_fn) dlsym(RTLD_DEFAULT, "AsyncGetCallTrace");
    if (agct == NULL) {
        fail("this JVM exports no AsyncGetCallTrace (not HotSpot?)", 0);
        return;
    }
    if ((*vm)->GetEnv(vm, (void **) &jvmti, JVMTI_VERSION_1_2) != JNI_OK) {
        jvmti = NULL;
        fail("no JVMTI environment", 0);
        return;
    }
    jvmtiCapabilities caps;
    memset(&caps, 0, sizeof caps);
    caps.can_get_source_file_name = 1;
    caps.can_get_line_numbers = 1;
    jvmtiError err = (*jvmti)->AddCapabilities(jvmti, &caps);
    if (err != JVMTI_ERROR_NONE) {
        fail("JVMTI refused the source file and line number capabilities", err);
        return;
    }
    jvmtiEventCallbacks callbacks;
    memset(&callbacks, 0, sizeof callbacks);
    callbacks.ClassLoad = on_class_load;
    callbacks.ClassPrepare = on_class_prepare;
    err = (*jvmti)->SetEventCallbacks(jvmti, &callbacks, (jint) sizeof callbacks);
    if (err == JVMTI_ERROR_NONE) {
        err = (*jvmti)->SetEventNotificationMode(jvmti, JVMTI_ENABLE, JVMTI_EVENT_CLASS_LOAD, NULL);
    }
    if (err == JVMTI_ERROR_NONE) {
        err = (*jvmti)->SetEventNotificationMode(jvmti, JVMTI_ENABLE, JVMTI_EVENT_CLASS_PREPARE,
                NULL);
    }
    if (err != JVMTI_ERROR_NONE) {
        fail("JVMTI refused the ClassLoad and ClassPrepare events", err);
        return;
    }
    prepare_loaded_classes(jni);
}

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved) {
    (void) reserved;
    start(vm);
    return JNI_VERSION_1_8;
}

JNIEXPORT jstring JNICALL Java_io_github_reftrack_internal_capture_NativeStacks_failure0(
        JNIEnv *env, jclass cls) {
    (void) cls;
    return failure[0] == '\0' ? NULL : (*env)->NewStringUTF(env, failure);
}

/*
 * How many bytes deeper the calling thread's stack is than at the shallowest call of this function
 * on the same thread (0 on the first call).
 */
JNIEXPORT jint JNICALL Java_io_github_reftrack_internal_capture_NativeStacks_depthBytes0(
        JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    uintptr_t here = (uintptr_t) __builtin_frame_address(0);
    if (here > shallowest) {
        shallowest = here;
    }
    uintptr_t deeper = shallowest - here;
    return deeper > (uintptr_t) INT32_MAX ? INT32_MAX : (jint) deeper;
}

/*
 * Fills into[0..] with the frames below the calling native method and skip further Java
 * frames, innermost first; returns how many, or a negative error code.
 */
JNIEXPORT jint JNICALL Java_io_github_reftrack_internal_capture_NativeStacks_capture0(
        JNIEnv *env, jclass cls, jlongArray into, jint skip) {
    if (capture_method == NULL) {
        capture_method = (*env)->GetStaticMethodID(env, cls, "capture0", "([JI)I");
        if (capture_method == NULL) {
            return RT_UNEXPECTED_TOP;
        }
    }
    jint wanted = (*env)->GetArrayLength(env, into);
    jint depth = wanted + skip + 1;
    agct_frame on_stack[STACK_FRAMES];
    jlong raw_on_stack[STACK_FRAMES];
    agct_frame *frames = on_stack;
    jlong *raw = raw_on_stack;
    if (depth > STACK_FRAMES) {
        frames = malloc(sizeof(agct_frame) * (size_t) depth);
        raw = malloc(sizeof(jlong) * (size_t) wanted);
        if (frames == NULL || raw == NULL) {
            free(frames);
            free(raw);
            return RT_OUT_OF_MEMORY;
        }
    }
    agct_trace trace = {env, 0, frames};
    agct(&trace, depth, NULL);
    jint result = trace.num_frames;
    if (result == 0) {
        result = RT_NO_JAVA_FRAME;
    } else if (result > 0 && (frames[0].method_id != capture_method
            || frames[0].lineno != AGCT_NATIVE_FRAME)) {
        result = RT_UNEXPECTED_TOP;
    } else if (result > 0) {
        jint n = 0;
        for (jint i = 1 + skip; i < trace.num_frames; i++, n++) {
            uintptr_t id = (uintptr_t) frames[i].method_id;
            if (id == 0) {
                result = RT_NO_METHOD_ID;
                break;
            }
            if ((id & ~(uintptr_t) ID_MASK) != 0) {
                result = RT_ID_TOO_WIDE;
                break;
            }
            /* -3 marks a native method; another negative value is a method-entry marker,
               which HotSpot maps to bci 0 when it looks up a line. */
            jint lineno = frames[i].lineno;
            jlong bci = lineno == AGCT_NATIVE_FRAME ? BCI_NATIVE : lineno < 0 ? 0 : (lineno & 0xFFFF);
            raw[n] = (jlong) id | (bci << 48);
        }
        if (result > 0) {
            result = n;
            (*env)->SetLongArrayRegion(env, into, 0, n, raw);
        }
    }
    if (frames != on_stack) {
        free(frames);
        free(raw);
    }
    return result;
}

static jintArray line_table(JNIEnv *env, jmethodID method) {
    jint count;
    jvmtiLineNumberEntry *table;
    if ((*jvmti)->GetLineNumberTable(jvmti, method, &count, &table) != JVMTI_ERROR_NONE) {
        return NULL;
    }
    jint *pairs = malloc(sizeof(jint) * 2 * (size_t) (count > 0 ? count : 1));
    jintArray result = pairs == NULL ? NULL : (*env)->NewIntArray(env, 2 * count);
    if (result != NULL) {
        for (jint i = 0; i < count; i++) {
            pairs[2 * i] = (jint) table[i].start_location;
            pairs[2 * i + 1] = table[i].line_number;
        }
        (*env)->SetIntArrayRegion(env, result, 0, 2 * count, pairs);
    }
    free(pairs);
    (*jvmti)->Deallocate(jvmti, (unsigned char *) table);
    return result;
}

static jstring utf(JNIEnv *env, char *text) {
    jstring s = (*env)->ExceptionCheck(env) ? NULL : (*env)->NewStringUTF(env, text);
    (*jvmti)->Deallocate(jvmti, (unsigned char *) text);
    return s;
}

static void put(JNIEnv *env, jobjectArray out, jint index, jobject value) {
    if (!(*env)->ExceptionCheck(env)) {
        (*env)->SetObjectArrayElement(env, out, index, value);
    }
    (*env)->DeleteLocalRef(env, value);
}

/*
 * Describes the method of a raw frame: returns its declaring class, or NULL when the id is no
 * longer valid (its class was unloaded), and fills out[0] with the method name, out[1] with its
 * descriptor, out[2] with the source file (null when absent) and out[3] with the line number
 * table as (start bci, line) pairs (null when absent). JVMTI is asked for the class first, and
 * the local reference to it keeps the class loaded while the rest is read.
 */
JNIEXPORT jclass JNICALL Java_io_github_reftrack_internal_capture_NativeStacks_method0(
        JNIEnv *env, jclass cls, jlong raw, jobjectArray out) {
    (void) cls;
    jmethodID method = (jmethodID) (uintptr_t) (raw & ID_MASK);
    jclass holder = NULL;
    if (method == NULL
            || (*jvmti)->GetMethodDeclaringClass(jvmti, method, &holder) != JVMTI_ERROR_NONE) {
        return NULL;
    }
    char *name;
    char *signature;
    if ((*jvmti)->GetMethodName(jvmti, method, &name, &signature, NULL) == JVMTI_ERROR_NONE) {
        put(env, out, 0, utf(env, name));
        put(env, out, 1, utf(env, signature));
    }
    char *file;
    if ((*jvmti)->GetSourceFileName(jvmti, holder, &file) == JVMTI_ERROR_NONE) {
        put(env, out, 2, utf(env, file));
    }
    if (!(*env)->ExceptionCheck(env)) {
        put(env, out, 3, line_table(env, method));
    }
    return holder;
}
