evaluate(new File(itScripts, 'RunDag.groovy'))

// The module path holds the user's module and the modules it reads: the runtime's descriptor names
// them (Jinjava by its jar's name). What they depend on without a module name of their own (Guava,
// ...) stays on the class path, which automatic modules such as Jinjava read.
def modular = ~/^(processflow-api|processflow-runtime|jinjava|jackson-(annotations|core|databind|datatype-jsr310)|picocli|jline-terminal|slf4j-api|cron-utils)-[0-9].*\.jar$/
def jars = new File(basedir, 'target/classpath.txt').getText('UTF-8').trim().split(File.pathSeparator)
def modulePath = ['target/classes'] + jars.findAll { new File(it).name ==~ modular }
def classPath = jars.findAll { !(new File(it).name ==~ modular) }
assert modulePath.size() == 12 : "expected the user's classes and 11 modules, got ${modulePath}"
def java = { List<String> args ->
  runJava(['-p', modulePath.join(File.pathSeparator), '-cp', classPath.join(File.pathSeparator)] + args)
}
def runsDir = new File(basedir, 'target/runs').path

// The generated main: picocli fills the runtime's package-private options, Jinjava renders with the
// runtime's context objects, Jackson journals the user's record.
def output = java(['-m', 'com.example.modular/com.example.ProcessFlowModularDag',
                   '--run-id', 'r1', '--runs-dir', runsDir, '--param', 'table=sales', '--logical-date', '2024-01-31'])
assert output.contains('dag modular, run r1: success') : output
assert !output.contains('Exception')
// BashOperator's output, its last stdout line, is in the journal.
def journal = new File(runsDir, 'modular').listFiles().find { it.name.endsWith('.jsonl') }
assert journal.getText('UTF-8').contains('echoed: insert sales 2 -- 2024-01-31')

// The launcher finds the DAG through the module's 'provides', and reads the journal back.
output = java(['--add-modules', 'com.example.modular', '-m', 'io.processflow.runtime/io.processflow.runtime.cli.Launcher', 'list'])
assert output.contains('modular') && output.contains('param table')
output = java(['--add-modules', 'com.example.modular', '-m', 'io.processflow.runtime/io.processflow.runtime.cli.Launcher',
               'list-runs', 'modular', '--runs-dir', runsDir])
assert output.contains('r1') && output.contains('success') : output
output = java(['--add-modules', 'com.example.modular', '-m', 'io.processflow.runtime/io.processflow.runtime.cli.Launcher',
               'run', 'modular', '--resume', 'r1', '--runs-dir', runsDir])
assert output.contains('dag modular, run r1: success') && !output.contains('Exception') : output
output = java(['-m', 'io.processflow.runtime/io.processflow.runtime.cli.Launcher', '--version'])
assert output =~ /ProcessFlow \d+\.\d+/ : output
true
