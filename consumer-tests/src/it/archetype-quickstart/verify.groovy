evaluate(new File(itScripts, 'RunDag.groovy'))

def project = new File(basedir, 'my-dags')
// The generated pom is the README's.
assert new File(project, 'pom.xml').getText('UTF-8') == readmePom()
// Its test ran and passed.
def report = new File(project, 'target/surefire-reports/TEST-com.example.HelloDagTest.xml')
assert report.isFile() : 'the generated test did not run'
assert report.getText('UTF-8').contains('tests="1"') && report.getText('UTF-8').contains('failures="0"')

def output = runJava(['-jar', 'my-dags/target/app.jar', 'run', 'hello'])
assert output.contains('Hello from hello on ')
assertQuiet(output)
true
