evaluate(new File(itScripts, 'RunDag.groovy'))

// The project is set up exactly as the README says.
assert new File(basedir, 'pom.xml').getText('UTF-8') == readmePom()

def output = runJava(['-jar', 'target/app.jar', 'run', 'orders'])
assert output.contains('load')
assertQuiet(output)
// One journal (the run's lock file beside it stays, by design: deleting it would let two runs hold it).
def journals = new File(basedir, 'processflow-runs/orders').list().findAll { it.endsWith('.jsonl') }
assert journals.size() == 1 : "expected one journal, found ${new File(basedir, 'processflow-runs/orders').list()}"
true
