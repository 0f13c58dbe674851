//! `plain-contract man`: one man page (roff) for the whole tool, generated
//! from the clap definitions: the top-level synopsis and options, then a
//! section per subcommand (nested ones too) with its synopsis, description
//! and options, then the exit status. One page rather than one per
//! subcommand, so `plain-contract man > plain-contract.1` is all there is
//! to install.

use clap::Command;
use std::io::Write;

/// The man page.
pub(crate) fn render(cmd: Command) -> std::io::Result<Vec<u8>> {
    let mut cmd = cmd;
    cmd.build();
    let mut out = Vec::new();
    let top = clap_mangen::Man::new(cmd.clone());
    top.render_title(&mut out)?;
    top.render_name_section(&mut out)?;
    top.render_synopsis_section(&mut out)?;
    top.render_description_section(&mut out)?;
    top.render_options_section(&mut out)?;
    subcommands(&cmd, "plain-contract", &mut out)?;
    writeln!(out, ".SH \"EXIT STATUS\"")?;
    for (code, what) in [
        ("0", "clean: nothing was found that is an error (warnings do not count)."),
        ("1", "violations: at least one error was found (or, for \\fBschema diff\\fR, a change at the \\fB\\-\\-fail\\-on\\fR level)."),
        ("2", "the run could not be done: a bad flag, an unreadable or unusable spec or configuration, a report that cannot be written, a server that cannot listen."),
    ] {
        writeln!(out, ".TP\n\\fB{code}\\fR\n{what}")?;
    }
    top.render_version_section(&mut out)?;
    Ok(out)
}

/// A section per visible subcommand of `cmd`, depth first.
fn subcommands(cmd: &Command, path: &str, out: &mut Vec<u8>) -> std::io::Result<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        let name = format!("{path} {}", sub.get_name());
        if sub.has_subcommands() {
            subcommands(sub, &name, out)?;
            continue;
        }
        writeln!(out, ".SH \"{}\"", name.to_uppercase())?;
        let man = clap_mangen::Man::new(sub.clone().bin_name(&name));
        let mut part = Vec::new();
        man.render_synopsis_section(&mut part)?;
        man.render_description_section(&mut part)?;
        man.render_options_section(&mut part)?;
        // The subcommand's own sections become subsections of its section.
        let text = String::from_utf8_lossy(&part)
            .lines()
            .map(|l| match l.strip_prefix(".SH ") {
                Some(title) => {
                    let t = title.trim_matches('"').to_lowercase();
                    let mut c = t.chars();
                    format!(".SS {}{}", c.next().map(|f| f.to_ascii_uppercase()).unwrap_or(' '), c.as_str())
                }
                None => l.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        writeln!(out, "{text}")?;
    }
    Ok(())
}
