// The README's test kit, in a user's project built as the README says: both tests ran and passed.
def report = new File(basedir, 'target/surefire-reports/TEST-com.example.OrdersDagTest.xml')
assert report.isFile() : "the test kit's tests did not run (no ${report})"
def suite = report.getText('UTF-8').find(/<testsuite[^>]*>/)
assert suite != null && suite.contains('tests="2"') : "expected 2 tests: ${suite}"
assert suite.contains('failures="0"') && suite.contains('errors="0"') : "the tests failed: ${suite}"
true
