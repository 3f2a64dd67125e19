//! Generated documentation: shell completions and man pages rendered from
//! the clap definition, so the committed files in `completions/` and `man/`
//! can be checked for drift by a test.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// The name every generated file uses for the program.
pub const BIN: &str = "sinchctl";

/// Every shell sinchctl ships completions for.
pub const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::PowerShell,
    Shell::Elvish,
];

/// The committed file name of a shell's completion script.
pub fn completion_file_name(shell: Shell) -> String {
    match shell {
        Shell::Bash => format!("{BIN}.bash"),
        Shell::Zsh => format!("_{BIN}"),
        Shell::Fish => format!("{BIN}.fish"),
        Shell::PowerShell => format!("_{BIN}.ps1"),
        Shell::Elvish => format!("{BIN}.elv"),
        other => format!("{BIN}.{other}"),
    }
}

/// The completion script for `shell`.
pub fn completion(shell: Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, BIN, &mut buf);
    buf
}

/// A command's `after_help` split into its example lines (the indented
/// lines under `Examples:`) and the rest, paragraph text.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct AfterHelp {
    /// Example command lines, indentation removed, continuation lines kept.
    pub examples: Vec<String>,
    /// Everything else, as written.
    pub notes: Vec<String>,
}

/// Splits a command's after-help text into examples and notes.
pub fn after_help(cmd: &clap::Command) -> AfterHelp {
    let mut out = AfterHelp::default();
    let Some(text) = cmd.get_after_help() else {
        return out;
    };
    let text = text.to_string();
    let mut in_examples = false;
    for line in text.lines() {
        if line.trim_end() == "Examples:" {
            in_examples = true;
        } else if in_examples && line.starts_with("  ") {
            out.examples.push(line[2..].to_owned());
        } else {
            in_examples = false;
            out.notes.push(line.to_owned());
        }
    }
    while out.notes.first().is_some_and(|l| l.trim().is_empty()) {
        out.notes.remove(0);
    }
    out
}

/// Escapes text for a roff no-fill block: backslashes, hyphens, leading dots.
fn roff_literal(line: &str) -> String {
    let escaped = line.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

/// Renders a no-fill (preformatted) man section, so lines are never joined or justified.
fn roff_block(title: &str, lines: &[String]) -> String {
    let mut out = format!(".SH {title}\n.nf\n");
    for line in lines {
        out.push_str(&roff_literal(line));
        out.push('\n');
    }
    out.push_str(".fi\n");
    out
}

/// One man page: clap_mangen's sections, then EXAMPLES and NOTES as preformatted text.
fn man_page(cmd: clap::Command) -> std::io::Result<(String, Vec<u8>)> {
    let extra = after_help(&cmd);
    let has_args = cmd.get_arguments().any(|a| !a.is_hide_set());
    let has_subs = cmd.get_subcommands().any(|s| !s.is_hide_set());
    let has_version = cmd.get_version().or(cmd.get_long_version()).is_some();
    let man = clap_mangen::Man::new(cmd);
    let mut buf = Vec::new();
    man.render_title(&mut buf)?;
    man.render_name_section(&mut buf)?;
    man.render_synopsis_section(&mut buf)?;
    man.render_description_section(&mut buf)?;
    if has_args {
        man.render_options_section(&mut buf)?;
    }
    if has_subs {
        man.render_subcommands_section(&mut buf)?;
    }
    if !extra.examples.is_empty() {
        buf.extend_from_slice(roff_block("EXAMPLES", &extra.examples).as_bytes());
    }
    if !extra.notes.is_empty() {
        buf.extend_from_slice(roff_block("NOTES", &extra.notes).as_bytes());
    }
    if has_version {
        man.render_version_section(&mut buf)?;
    }
    Ok((man.get_filename(), buf))
}

/// Every man page as `(file name, roff bytes)`: one for sinchctl and one per
/// visible subcommand at any depth (`sinchctl-config-show.1`, ...).
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    fn walk(cmd: clap::Command, out: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned() {
            walk(sub, out)?;
        }
        out.push(man_page(cmd)?);
        Ok(())
    }
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut out = Vec::new();
    walk(cmd, &mut out)?;
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every example line of every command, with the command it belongs to.
    fn all_examples() -> Vec<(clap::Command, String)> {
        fn walk(cmd: &clap::Command, out: &mut Vec<(clap::Command, String)>) {
            for line in after_help(cmd).examples {
                out.push((cmd.clone(), line));
            }
            for sub in cmd.get_subcommands() {
                walk(sub, out);
            }
        }
        let mut cmd = Cli::command();
        cmd.build();
        let mut out = Vec::new();
        walk(&cmd, &mut out);
        out
    }

    #[test]
    fn commands_have_examples() {
        assert!(all_examples().len() >= 20, "examples went missing");
    }

    #[test]
    fn example_lines_fit_an_80_column_terminal_unwrapped() {
        for (cmd, line) in all_examples() {
            assert!(
                line.chars().count() + 2 <= 79,
                "example of `{}` is too long to stay on one line at 80 columns: {line}",
                cmd.get_name()
            );
            let help = cmd.term_width(80).render_help().to_string();
            assert!(
                help.lines()
                    .any(|l| l.trim_end() == format!("  {line}").trim_end()),
                "example of `{}` is wrapped in --help: {line}",
                help
            );
        }
    }

    #[test]
    fn after_help_splits_examples_from_notes() {
        let cmd =
            clap::Command::new("x").after_help("Examples:\n  x a\n  x b \\\n      c\n\nNote.");
        let split = after_help(&cmd);
        assert_eq!(split.examples, ["x a", "x b \\", "    c"]);
        assert_eq!(split.notes, ["Note."]);
    }
}
