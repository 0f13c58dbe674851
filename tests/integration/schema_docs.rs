//! Every `$ plain-contract …` block of docs/schema.md prints exactly what the
//! block shows (stdout) and exits with the code on its `# exit N` line.

use std::process::Command;

#[test]
fn docs_schema_md_commands_do_what_they_say() {
    let doc = std::fs::read_to_string("docs/schema.md").expect("docs/schema.md");
    let mut ran = 0;
    let mut blocks = doc.split("```").skip(1).step_by(2);
    for block in blocks.by_ref() {
        let block = block.trim_start_matches('\n');
        let Some(cmd) = block.lines().next().and_then(|l| l.strip_prefix("$ plain-contract ")) else {
            continue;
        };
        let rest: Vec<&str> = block.lines().skip(1).collect();
        let exit_at = rest
            .iter()
            .position(|l| l.starts_with("# exit "))
            .unwrap_or_else(|| panic!("no `# exit N` after `{cmd}`"));
        let code: i32 = rest[exit_at].trim_start_matches("# exit ").trim().parse().expect("exit code");
        let mut expected = rest[..exit_at].join("\n");
        if !expected.is_empty() {
            expected.push('\n');
        }
        let out = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
            .args(cmd.split_whitespace())
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout), expected, "stdout of `plain-contract {cmd}`");
        assert_eq!(
            out.status.code(),
            Some(code),
            "exit of `plain-contract {cmd}`: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        ran += 1;
    }
    assert!(ran >= 5, "only {ran} commands found");
}
