evaluate(new File(itScripts, 'RunDag.groovy'))

def classpath = 'target/classes' + File.pathSeparator + new File(basedir, 'target/classpath.txt').getText('UTF-8').trim()
def output = runJava(['-cp', classpath, 'com.example.ProcessFlowPingDag'])
assert output.contains('pong')
assert !output.contains('Exception')

// The BOM pins the Jackson version the runtime is built and tested with (the parent pom's).
def bomJackson = (new File(bomPom).getText('UTF-8') =~ /<jackson.version>([^<]+)</)[0][1]
assert bomJackson == jacksonVersion : "processflow-bom pins Jackson ${bomJackson}, the build uses ${jacksonVersion}"
true
