//! What a recorded exchange's request faults mean, given its response.
//!
//! A request that breaks the contract is an error whatever the server
//! answered: the recording shows the client sent it. The response decides
//! what is added: a documented rejection is noted on each fault (status and
//! message), and a server that *accepted* the broken request (answered with
//! `data`) disagrees with the contract (`HX011`): a warning in a client's
//! traffic, an error where the run checks the provider. Only errors are
//! faults, after the run's severity overrides.
//!
//! A negative exchange (`expect: rejected`, or a file matched by `[check]
//! negative`) is checked the other way round: it passes when its request
//! breaks the contract and the response is the documented rejection for
//! that fault (400 for a malformed body, 401 for a missing or unknown key,
//! 200 with `errors` and no `data` for a document or variables that fail,
//! 403 for a missing permission, 405 for another method, 413 for a body too
//! large); it fails when the request is valid (`HX012`), when the server
//! accepted it (`HX011`) or answered it otherwise (`HX013`).
//!
//! An exchange of mixed traffic (`expect: either`, `[check] either`,
//! `--expect either`: a test tool's report, where valid requests and
//! deliberately broken ones sit side by side) is decided by its request:
//! one that breaks the contract is checked as a negative exchange, a valid
//! one as an ordinary exchange, and a valid one the server refused (400,
//! 404, 405, or `errors` and no `data`) is `HX012`. A 401, 403 or 413 is
//! not held against a valid request: the recording cannot show the key,
//! its permissions or the server's size limit.

use crate::diagnostic::{Code, Diagnostic};
use crate::exchange::{Expect, Message};
use crate::node::{Node, Value};
use crate::source::Source;

/// What the server's answer was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rejection {
    /// 400: the body was refused.
    BadRequest,
    /// 401: a missing or unknown key.
    Unauthenticated,
    /// 403: a missing permission.
    Forbidden,
    /// 404: no such path.
    NotFound,
    /// 405: another method.
    MethodNotAllowed,
    /// 413: a body too large.
    TooLarge,
    /// 200 with `errors` and no `data`: a document or variables refused
    /// before execution (GraphQL spec §7.1.1).
    Refused,
}

/// The response as far as verdicts go.
#[derive(Debug, Clone, Default)]
pub(crate) struct Answer {
    /// The rejection it records, if any.
    pub rejection: Option<Rejection>,
    /// Did the server execute the request (a 2xx with non-null `data`)?
    pub accepted: bool,
    /// Its status.
    pub status: Option<u16>,
    /// The first error's message, if any.
    pub message: Option<String>,
}

impl Answer {
    /// Reads the answer from a response's status and (parsed) body.
    pub(crate) fn of(status: Option<u16>, body: Option<&Node>) -> Answer {
        let data = body.and_then(|b| b.get("data"));
        let errors = body
            .and_then(|b| b.get("errors"))
            .filter(|e| matches!(&e.value, Value::Array(a) if !a.is_empty()));
        let message = errors
            .and_then(|e| match &e.value {
                Value::Array(a) => a.first(),
                _ => None,
            })
            .and_then(|e| e.get("message"))
            .and_then(Node::as_str)
            .map(|m| m.chars().take(160).collect());
        let rejection = match status {
            Some(400) => Some(Rejection::BadRequest),
            Some(401) => Some(Rejection::Unauthenticated),
            Some(403) => Some(Rejection::Forbidden),
            Some(404) => Some(Rejection::NotFound),
            Some(405) => Some(Rejection::MethodNotAllowed),
            Some(413) => Some(Rejection::TooLarge),
            Some(200) if data.is_none() && errors.is_some() => Some(Rejection::Refused),
            _ => None,
        };
        let accepted = status.is_some_and(|s| (200..300).contains(&s)) && data.is_some_and(|d| d.value != Value::Null);
        Answer {
            rejection,
            accepted,
            status,
            message,
        }
    }

    fn describe(&self) -> String {
        let status = self.status.map_or("?".to_string(), |s| s.to_string());
        match (&self.rejection, &self.message) {
            (Some(Rejection::Refused), Some(m)) => format!("200 with `errors` and no `data`, message: {m}"),
            (Some(Rejection::Refused), None) => "200 with `errors` and no `data`".to_string(),
            (_, Some(m)) => format!("{status}, message: {m}"),
            (_, None) => status,
        }
    }
}

/// What kind of fault a request finding is, if it is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    Body,
    Auth,
    Document,
    Method,
    Path,
}

fn fault(d: &Diagnostic) -> Option<Fault> {
    // Only an error is a fault: a warning (a deprecated field, an unused
    // fragment) or a code the user's `[severity]` downgraded breaks nothing.
    if !d.is_error() {
        return None;
    }
    let c = d.code.as_str();
    match d.code {
        Code::RequestBodySchema | Code::BodyNotJson | Code::RequestContentType => Some(Fault::Body),
        Code::AuthMissing => Some(Fault::Auth),
        Code::HttpMethod => Some(Fault::Method),
        Code::HttpPath => Some(Fault::Path),
        _ if c.starts_with("GQ") || c.starts_with("GV") || c == "PL005" || c == "PL008" => Some(Fault::Document),
        _ => None,
    }
}

/// Does this rejection answer this fault as the contract documents?
fn explains(r: Rejection, f: Fault) -> bool {
    matches!(
        (r, f),
        (Rejection::BadRequest, Fault::Body | Fault::Document)
            | (Rejection::Refused, Fault::Document | Fault::Body)
            | (Rejection::Unauthenticated, Fault::Auth)
            | (Rejection::MethodNotAllowed, Fault::Method)
            | (Rejection::NotFound, Fault::Path)
    )
}

/// The documented rejection of a fault, for messages.
fn expected(f: Fault) -> &'static str {
    match f {
        Fault::Body => "400 (a malformed body)",
        Fault::Auth => "401 (a missing or unknown key)",
        Fault::Document => "200 with `errors` and no `data` (a document or variables that fail)",
        Fault::Method => "405 (another method)",
        Fault::Path => "404 (another path)",
    }
}

/// Applies the verdict to an exchange's request findings. `request` holds
/// every finding of the request (both layers), with the run's severity
/// overrides applied; the result is what is reported of them, plus
/// HX011/HX012/HX013 as the answer calls for. `provider`: the run checks
/// the server's side (`[check] role = "provider"`), where an accepted
/// broken request (HX011) is an error, not a warning.
pub(crate) fn apply(
    source: &Source,
    expect: Expect,
    request: Vec<Diagnostic>,
    req: Option<&Message>,
    resp: Option<&Message>,
    answer: &Answer,
    provider: bool,
) -> Vec<Diagnostic> {
    let faults: Vec<Fault> = request.iter().filter_map(fault).collect();
    let at_status = |code: Code, msg: String| match resp {
        Some(r) => {
            let (n, p) = match r.status {
                Some((_, n)) => (n, format!("{}/status", r.pointer)),
                None => (r.node, r.pointer.clone()),
            };
            Diagnostic::at(code, msg, source, n.start, n.len).with_pointer(p)
        }
        None => match req {
            Some(q) => Diagnostic::at(code, msg, source, q.node.start, q.node.len).with_pointer(&q.pointer),
            None => Diagnostic::at(code, msg, source, 0, 0),
        },
    };
    let fault_codes = {
        let mut codes: Vec<&str> = request.iter().filter(|d| fault(d).is_some()).map(|d| d.code.as_str()).collect();
        codes.dedup();
        codes.join(", ")
    };
    let names = || fault_codes.clone();
    let hidden = |r: Rejection| matches!(r, Rejection::Unauthenticated | Rejection::Forbidden | Rejection::TooLarge);
    let negative = match expect {
        Expect::Accepted => false,
        Expect::Rejected => true,
        // A server may take a lenient Content-Type (below): a request whose
        // only fault is that, answered with data, is checked as accepted.
        Expect::Either => {
            let lenient_only = request
                .iter()
                .filter(|d| fault(d).is_some())
                .all(|d| d.code == Code::RequestContentType);
            !(faults.is_empty() || answer.accepted && lenient_only)
        }
    };
    // How the messages name the expectation.
    let mark = match expect {
        Expect::Either => "checked as `expect: either`",
        _ => "marked `expect: rejected`",
    };
    if !negative {
        let mut out = Vec::with_capacity(request.len() + 1);
        // A lenient Content-Type is the client's fault alone: servers may
        // take other media types (GraphQL over HTTP §5), not broken bodies.
        let accepted = answer.accepted
            && request
                .iter()
                .any(|d| matches!(fault(d), Some(Fault::Document | Fault::Auth | Fault::Body)) && d.code != Code::RequestContentType);
        let extra = accepted
            .then(|| {
                at_status(
                    Code::AcceptedInvalid,
                    format!(
                        "the server answered {} with data, but the request breaks the contract ({}): it should have refused it",
                        answer.status.unwrap_or(200),
                        names()
                    ),
                )
                .with_note("the request's own findings say what is wrong with it")
            })
            .map(|mut d| {
                // A consumer cannot change the server: in its traffic the live
                // API disagreeing with the contract is a warning beside the
                // request's own errors, not a second error for each client fault.
                if provider {
                    d.severity = crate::diagnostic::Severity::Error;
                } else {
                    d = d.with_note("a warning in a client's traffic; `[check] role = \"provider\"` makes it an error");
                }
                d
            });
        for d in request {
            match (fault(&d), answer.rejection) {
                (Some(_), Some(_)) => out.push(d.with_note(format!("the server refused it: {}", answer.describe()))),
                _ => out.push(d),
            }
        }
        out.extend(extra);
        if expect == Expect::Either && answer.rejection.is_some_and(|r| !hidden(r)) {
            out.push(
                at_status(
                    Code::NegativeValid,
                    format!(
                        "the exchange is {mark} and its request breaks nothing, but the server refused it ({})",
                        answer.describe()
                    ),
                )
                .with_note("a valid request must be answered, not refused"),
            );
        }
        return out;
    }
    // Negative: the faults are expected; what is reported is whether the
    // recorded answer is the documented rejection for them.
    let mut out: Vec<Diagnostic> = request.into_iter().filter(|d| fault(d).is_none()).collect();
    if resp.is_none() {
        out.push(at_status(
            Code::NegativeWrongRejection,
            format!("the exchange is {mark} but records no response"),
        ));
    } else if answer.accepted {
        let mut d = at_status(
            Code::AcceptedInvalid,
            if faults.is_empty() {
                format!("the exchange is {mark}, but the server answered with data (and the request breaks nothing)")
            } else {
                format!(
                    "the exchange is {mark}, but the server answered with data to a request that breaks the contract ({})",
                    names()
                )
            },
        );
        if faults.is_empty() {
            d = d.with_note("a valid request answered with data is not a rejection: remove `expect: rejected`");
        }
        // The exchange says the server refuses this request: that the
        // server did not is the failure the fixture is there to catch.
        d.severity = crate::diagnostic::Severity::Error;
        out.push(d);
    } else {
        match answer.rejection {
            Some(r) if faults.iter().any(|f| explains(r, *f)) => {}
            Some(r) if hidden(r) => {}
            Some(_) if faults.is_empty() => out.push(
                at_status(
                    Code::NegativeValid,
                    format!(
                        "the exchange is marked `expect: rejected`, but its request breaks nothing: the server refused a valid request ({})",
                        answer.describe()
                    ),
                )
                .with_note("a negative exchange records a request that breaks the contract and its documented rejection"),
            ),
            None if faults.is_empty() => out.push(at_status(
                Code::NegativeValid,
                format!(
                    "the exchange is marked `expect: rejected`, but its request breaks nothing and the response ({}) is no rejection",
                    answer.describe()
                ),
            )),
            _ => {
                let want: Vec<&str> = faults.iter().map(|f| expected(*f)).collect();
                let mut want_dedup = want.clone();
                want_dedup.dedup();
                out.push(
                    at_status(
                        Code::NegativeWrongRejection,
                        format!(
                            "the request breaks the contract ({}), but the recorded response ({}) is not its documented rejection",
                            names(),
                            answer.describe()
                        ),
                    )
                    .with_note(format!("documented: {}", want_dedup.join(", or "))),
                );
            }
        }
    }
    out
}
