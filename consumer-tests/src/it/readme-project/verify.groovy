evaluate(new File(itScripts, 'RunDag.groovy'))

// The project is set up exactly as the README says.
assert new File(basedir, 'pom.xml').getText('UTF-8') == readmePom()

def output = runJava(['-jar', 'target/app.jar', 'run', 'orders'])
assert output.contains('load')
assertQuiet(output)
assert new File(basedir, 'processflow-runs/orders').list().length == 1
true
