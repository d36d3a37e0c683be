def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects/)
assert runs.length == 5
// 1: the leak fails verify, naming the line that took the reference
assert runs[1].contains('[ERROR] reftrack: new leak (not in reftrack-baseline.json):')
assert runs[1].contains('[ERROR]     at example.BufferTest.keep(BufferTest.java:23)')
assert runs[1].contains('BUILD FAILURE')
// 2: the baseline accepts it
assert runs[2].contains('leak at example.BufferTest.keep(BufferTest.java:23)')
def baseline = new File(basedir, 'reftrack-baseline.json').text
assert baseline.contains('"firstFrame" : "example.BufferTest.keep(BufferTest.java:23)"')
// 3: the same leak, in the baseline: verify passes
assert runs[3].contains('1 distinct problem(s), 0 new')
assert runs[3].contains('BUILD SUCCESS')
// 4: fixed: verify passes and names the stale entry
assert runs[4].contains('[WARNING] reftrack: fixed: remove from the baseline: ')
assert runs[4].contains('BUILD SUCCESS')
assert new File(basedir, 'target/reftrack/summary.txt').text.contains('fixed: remove from the baseline')
assert new File(basedir, 'target/reftrack/report.html').isFile()
assert new File(basedir, 'target/reftrack/leaks.json').isFile()
return true
