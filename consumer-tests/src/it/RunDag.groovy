// Shared by the consumer builds' verify scripts (evaluated into their binding): runs a command in the
// build's directory with this JDK's java and returns its output; fails the build on a non-zero exit.
runJava = { List<String> args ->
  def command = [System.getProperty('java.home') + '/bin/java'] + args
  def process = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true).start()
  def output = process.inputStream.getText('UTF-8')
  int status = process.waitFor()
  println "\$ ${command.join(' ')}  (exit ${status})"
  println output
  assert status == 0 : "${command.join(' ')} exited with ${status}:\n${output}"
  output
}

// The README's "Your own project" pom: the first xml block after that heading.
readmePom = {
  def text = new File(readme).getText('UTF-8')
  int section = text.indexOf('## Your own project')
  assert section >= 0 : "README has no '## Your own project' section"
  int start = text.indexOf('```xml\n<?xml', section)
  assert start >= 0 : "README's '## Your own project' has no complete pom.xml block"
  start += '```xml\n'.length()
  text.substring(start, text.indexOf('```', start))
}

// A run that shows no DEBUG line, no warning and no stack trace.
assertQuiet = { String output ->
  output.eachLine { line ->
    assert !(line =~ /\b(DEBUG|WARN|ERROR)\b|Exception|^\s+at /) : "unexpected line: ${line}\n${output}"
  }
}
