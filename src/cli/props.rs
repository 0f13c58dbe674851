//! `proptest` and `generate`: the property-testing commands.

use super::{CliError, Exit, OK, VIOLATIONS};
use crate::check::operation::OpCache;
use crate::contract::Contract;
use crate::generate::run::{self, case_seed, hex, parse_seed, run_case, Failure, Target};
use crate::generate::Generator;
use proptest::strategy::{Strategy, ValueTree};
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Plain data parsed from the command line.
pub(super) struct PropArgs {
    /// Input type to generate.
    pub type_name: String,
    /// Operation file whose variable the values fill.
    pub operation: Option<PathBuf>,
    /// Number of cases.
    pub cases: u64,
    /// Seed as typed.
    pub seed: Option<String>,
    /// Single-fault invalid values instead of valid ones.
    pub invalid: bool,
    /// The regressions file.
    pub regressions: PathBuf,
}

fn fail(command: &'static str, msg: impl std::fmt::Display) -> CliError {
    CliError::run(command, msg)
}

fn seed_of(s: &Option<String>) -> Result<u64, run::SeedError> {
    match s {
        Some(s) => parse_seed(s),
        None => Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0x5eed, |d| d.as_nanos() as u64)),
    }
}

fn target(contract: &Contract, gen: &Generator, args: &PropArgs, command: &'static str) -> Result<Target, CliError> {
    match &args.operation {
        Some(p) => Target::from_operation_file(contract, gen, &args.type_name, p),
        None => Target::for_type(contract, gen, &args.type_name),
    }
    .map_err(|e| {
        let mut msg = e.to_string();
        if matches!(e, crate::generate::run::TargetError::Gen(crate::generate::GenError::UnknownType(_))) {
            // A mistyped --type: name the closest input type of the schema.
            let inputs = contract
                .schema
                .schema
                .types
                .iter()
                .filter(|(_, t)| t.is_input_object() || t.is_scalar() || t.is_enum())
                .map(|(n, _)| n.as_str());
            if let Some(close) = crate::suggest::closest(&args.type_name, inputs) {
                msg.push_str(&format!("; did you mean `{close}`?"));
            }
        }
        fail(command, msg)
    })
}

/// The seed, generator and target both commands start from.
fn setup(contract: &Contract, args: &PropArgs, command: &'static str) -> Result<(u64, Generator, Target), CliError> {
    let seed = seed_of(&args.seed).map_err(|e| fail(command, e))?;
    let gen = Generator::new(&contract.schema.schema);
    let target = target(contract, &gen, args, command)?;
    Ok((seed, gen, target))
}

/// What a `proptest` run found: the human report, the same as an outcome
/// for the other formats, and the exit code.
pub(super) struct PropRun {
    /// The text `--format human` prints.
    pub text: String,
    /// One item (the property) and, on failure, one PT001 diagnostic.
    pub outcome: crate::outcome::Outcome,
    /// Exit code.
    pub code: u8,
}

/// `plain-contract proptest`.
pub(super) fn proptest(contract: &Contract, args: &PropArgs, tick: &dyn Fn()) -> Result<PropRun, CliError> {
    let (seed, gen, target) = setup(contract, args, "proptest")?;
    let mode = if args.invalid { "invalid" } else { "valid" };
    let cache = OpCache::default();
    // Replay saved failures of this type and mode first.
    let saved = read_regressions(&args.regressions, &args.type_name, mode);
    let mut failure = None;
    for s in &saved {
        if let Some(f) = one_case(contract, &cache, &gen, &target, args.invalid, s, None) {
            failure = Some(f);
            break;
        }
    }
    if failure.is_none() {
        for i in 0..args.cases {
            tick();
            if let Some(f) = one_case(contract, &cache, &gen, &target, args.invalid, &case_seed(seed, i), Some(i)) {
                failure = Some(f);
                break;
            }
        }
    }
    let wrap = match target.wrap {
        run::Wrap::Request { .. } => "as the variables of a GraphQL request, checked by both layers",
        run::Wrap::Synthetic { .. } => "as the variables of a synthetic operation, checked by the variables layer",
    };
    let file = args.regressions.display().to_string();
    let mut outcome = crate::outcome::Outcome {
        files: 1,
        ..Default::default()
    };
    outcome.items.push(crate::outcome::Item {
        kind: "property",
        name: format!("{} {mode} ({} cases, seed {seed:#x})", args.type_name, args.cases),
        file: file.clone(),
        line: 1,
        column: 1,
        scope: crate::outcome::Scope::File,
        omitted_errors: 0,
    });
    Ok(match failure {
        None => PropRun {
            text: format!(
                "proptest {} ({mode} values, {wrap}): {} cases passed, {} saved regressions replayed, seed {seed:#x}\n",
                args.type_name,
                args.cases,
                saved.len()
            ),
            outcome,
            code: OK,
        },
        Some(f) => {
            let saved_note = match append_regression(&args.regressions, &args.type_name, mode, &f) {
                Ok(()) => format!("saved to {} (later runs replay it first)", args.regressions.display()),
                Err(e) => format!("could not be saved to {}: {e}", args.regressions.display()),
            };
            let text = run::failure_report(&args.type_name, mode, seed, args.cases, &target, &f, &saved_note);
            let mut d = crate::Diagnostic::file_level(
                crate::diagnostic::Code::PropertyFailed,
                format!("proptest {} ({mode} values): {}", args.type_name, f.reason),
                &file,
                Default::default(),
            );
            for line in text.lines().skip(1) {
                d = d.with_note(line.trim().to_string());
            }
            outcome.push(d);
            PropRun {
                text,
                outcome,
                code: VIOLATIONS,
            }
        }
    })
}

#[allow(clippy::too_many_arguments)]
fn one_case(
    contract: &Contract,
    cache: &OpCache,
    gen: &Generator,
    target: &Target,
    invalid: bool,
    seed: &[u8; 32],
    index: Option<u64>,
) -> Option<Failure> {
    let name = &target.type_name;
    if invalid {
        let strategy = gen.invalid(name).ok()?;
        run_case(&strategy, seed, |(v, f)| target.property(contract, cache, &v, Some(&f)))
            .err()
            .map(|(reason, v)| {
                let (value, fault) = v.map_or((json!(null), None), |(v, f)| (v, Some(f)));
                Failure {
                    case: index,
                    case_seed: hex(seed),
                    reason,
                    value,
                    fault,
                }
            })
    } else {
        // Fast path: draw the case as a node tree and check it; only a
        // failure is drawn again (the same value, from the same seed) through
        // the shrinking strategy.
        let drawer = gen.drawer(name).ok()?;
        let value = drawer.node(run::runner_for(seed).rng());
        if target.property_fast(contract, cache, value).is_ok() {
            return None;
        }
        let strategy = gen.valid(name).ok()?;
        run_case(&strategy, seed, |v| target.property(contract, cache, &v, None))
            .err()
            .map(|(reason, v)| Failure {
                case: index,
                case_seed: hex(seed),
                reason,
                value: v.unwrap_or(json!(null)),
                fault: None,
            })
    }
}

pub(crate) fn read_regressions(path: &Path, type_name: &str, mode: &str) -> Vec<[u8; 32]> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    text.lines()
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            match (it.next(), it.next(), it.next(), it.next()) {
                (Some("cc"), Some(t), Some(m), Some(seed)) if t == type_name && m == mode => run::unhex(seed),
                _ => None,
            }
        })
        .collect()
}

pub(crate) fn append_regression(path: &Path, type_name: &str, mode: &str, f: &Failure) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let new = !path.exists();
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
    if new {
        writeln!(
            file,
            "# plain-contract proptest regressions: `cc TYPE MODE CASE-SEED # shrunk value`."
        )?;
        writeln!(file, "# Later runs replay these first. Commit this file.")?;
    }
    let value = serde_json::to_string(&f.value).unwrap_or_default();
    writeln!(
        file,
        "cc {type_name} {mode} {} # {}",
        f.case_seed,
        value.chars().take(200).collect::<String>()
    )
}

/// `plain-contract generate`: NDJSON, one `{"variables": ...}` per line.
pub(super) fn generate(contract: &Contract, args: &PropArgs) -> Exit {
    let (seed, gen, target) = setup(contract, args, "generate")?;
    let var = target.variable().to_string();
    // Strategies are built once; each line draws from its own case seed.
    let (Ok(valid), Ok(invalid)) = (gen.valid(&args.type_name), gen.invalid(&args.type_name)) else {
        return Err(fail("generate", "no values can be generated for this type"));
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for i in 0..args.cases {
        let mut runner = run::runner_for(&case_seed(seed, i));
        let line = if args.invalid {
            let Ok(tree) = invalid.new_tree(&mut runner) else {
                return Err(fail("generate", "no fault applies to values of this type"));
            };
            let (v, f) = tree.current();
            json!({"variables": {var.clone(): v}, "expect": {"code": f.code.as_str(), "pointer": format!("/variables/{var}{}", f.pointer)}})
        } else {
            let Ok(tree) = valid.new_tree(&mut runner) else {
                return Err(fail("generate", "no value could be generated"));
            };
            json!({"variables": {var.clone(): tree.current()}})
        };
        if writeln!(out, "{line}").is_err() {
            break; // closed pipe
        }
    }
    let _ = out.flush();
    Ok(OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regressions_round_trip() {
        let dir = std::env::temp_dir().join(format!("pc-regr-{}", std::process::id()));
        let path = dir.join("sub/regr.txt");
        let seed = case_seed(7, 3);
        let f = Failure {
            case: Some(3),
            case_seed: hex(&seed),
            reason: "r".into(),
            value: json!({"a": 1}),
            fault: None,
        };
        append_regression(&path, "T", "valid", &f).unwrap();
        assert_eq!(read_regressions(&path, "T", "valid"), vec![seed]);
        assert!(read_regressions(&path, "T", "invalid").is_empty());
        assert!(read_regressions(&path, "U", "valid").is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
