evaluate(new File(itScripts, 'RunDag.groovy'))

def classpath = 'target/classes' + File.pathSeparator + new File(basedir, 'target/classpath.txt').getText('UTF-8').trim()
def output = runJava(['-cp', classpath, 'com.example.ProcessFlowPingDag'])
assert output.contains('pong')
assert !output.contains('Exception')
true
