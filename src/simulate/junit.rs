//! The suite's results as a JUnit XML report (written by `quick-junit`):
//! one test case per check; an optional check that fails is reported as
//! skipped so it does not fail a CI build. An endpoint that cannot be reached
//! is one errored test case, not a column of failed checks.

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::suite::CheckResult;

/// The JUnit XML document for a suite run against `url`.
pub fn report(url: &str, results: &[CheckResult]) -> Result<String, quick_junit::SerializeError> {
    let mut suite = TestSuite::new(format!("webhook conformance {url}"));
    let mut total = std::time::Duration::ZERO;
    for r in results {
        total += r.elapsed;
        let status = match (r.passed, r.check.required) {
            (true, _) => TestCaseStatus::success(),
            (false, true) => {
                let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                s.set_message(r.detail.as_str())
                    .set_description(r.check.why);
                s
            }
            (false, false) => {
                let mut s = TestCaseStatus::skipped();
                s.set_message(format!("optional: {}", r.detail));
                s
            }
        };
        let mut case = TestCase::new(r.check.name, status);
        case.set_classname("sinchctl.suite")
            .set_time(r.elapsed)
            .set_system_out(r.check.why);
        suite.add_test_case(case);
    }
    suite.set_time(total);
    finish(suite, total)
}

/// The JUnit XML document when `url` could not be reached: a single test
/// case, "endpoint reachable", in error with `error` as its message.
pub fn unreachable(url: &str, error: &str) -> Result<String, quick_junit::SerializeError> {
    let mut suite = TestSuite::new(format!("webhook conformance {url}"));
    let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
    status
        .set_message(error)
        .set_description("no check ran: the endpoint did not accept a connection");
    let mut case = TestCase::new("endpoint reachable", status);
    case.set_classname("sinchctl.suite");
    suite.add_test_case(case);
    finish(suite, std::time::Duration::ZERO)
}

fn finish(
    suite: TestSuite,
    total: std::time::Duration,
) -> Result<String, quick_junit::SerializeError> {
    let mut report = Report::new("sinchctl simulate suite");
    report.set_time(total).add_test_suite(suite);
    report.to_string()
}
