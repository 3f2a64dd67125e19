//! The committed completions and man pages must match what the clap
//! definition renders today. Regenerate with:
//!     SINCHCTL_REGENERATE=1 cargo test --test cli generated

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sinchctl::cli::generate;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Compares a directory's files with the rendered set (extra files count as
/// drift too); with SINCHCTL_REGENERATE=1 rewrites the directory instead.
fn check_dir(dir: &Path, rendered: BTreeMap<String, Vec<u8>>) {
    if std::env::var_os("SINCHCTL_REGENERATE").is_some() {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir).unwrap();
        for (name, bytes) in &rendered {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
        return;
    }
    let mut problems = Vec::new();
    for (name, bytes) in &rendered {
        match std::fs::read(dir.join(name)) {
            Ok(on_disk) if on_disk.iter().filter(|b| **b != b'\r').eq(bytes.iter()) => {}
            Ok(_) => problems.push(format!("{name} is out of date")),
            Err(_) => problems.push(format!("{name} is missing")),
        }
    }
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !rendered.contains_key(&name) {
            problems.push(format!("{name} is no longer generated"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} drifted from the CLI definition: {}\nregenerate with: SINCHCTL_REGENERATE=1 cargo test --test cli generated",
        dir.display(),
        problems.join(", ")
    );
}

#[test]
fn completions_match_the_cli() {
    let rendered = generate::SHELLS
        .iter()
        .map(|&shell| {
            (
                generate::completion_file_name(shell),
                generate::completion(shell),
            )
        })
        .collect();
    check_dir(&root().join("completions"), rendered);
}

#[test]
fn man_pages_match_the_cli() {
    let pages = generate::man_pages().unwrap();
    let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    for expected in [
        "sinchctl.1",
        "sinchctl-sign.1",
        "sinchctl-verify.1",
        "sinchctl-config-show.1",
    ] {
        assert!(names.contains(&expected), "{expected} not among {names:?}");
    }
    check_dir(&root().join("man"), pages.into_iter().collect());
}

#[test]
fn completions_command_prints_the_same_script() {
    let env = crate::support::Env::new();
    for shell in generate::SHELLS {
        env.cmd()
            .args(["completions", &shell.to_string()])
            .assert()
            .success()
            .stdout(String::from_utf8(generate::completion(shell)).unwrap());
    }
}

#[test]
fn man_pages_show_examples_preformatted_and_intact() {
    let pages: BTreeMap<String, Vec<u8>> = generate::man_pages().unwrap().into_iter().collect();
    let send = String::from_utf8(pages["sinchctl-send.1"].clone()).unwrap();
    let examples = send
        .split(".SH EXAMPLES\n.nf\n")
        .nth(1)
        .expect("EXAMPLES section");
    let block = examples.split("\n.fi\n").next().unwrap();
    assert!(block.contains(r"id=$(sinchctl send \-\-to +46700000001 \-\-body 'hi')"));
    assert!(block.contains(r"    \-\-callback\-url https://example.ngrok\-free.app/sinch"));
    assert!(
        !send.contains(".SH EXTRA"),
        "examples must not land in a justified EXTRA section"
    );
    // The roff renders back to the same lines when a man formatter is present.
    if let Ok(out) = std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-P-c"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write as _;
            child.stdin.take().unwrap().write_all(send.as_bytes())?;
            child.wait_with_output()
        })
    {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("sinchctl send --to +46700000001 --body hi --wait"));
    }
}

#[test]
fn every_page_with_examples_has_each_example_line_intact() {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, prefix: &str, out: &mut Vec<(String, Vec<String>)>) {
        let name = if prefix.is_empty() {
            cmd.get_name().to_owned()
        } else {
            format!("{prefix}-{}", cmd.get_name())
        };
        let examples = generate::after_help(cmd).examples;
        if !examples.is_empty() {
            out.push((format!("{name}.1"), examples));
        }
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            walk(sub, &name, out);
        }
    }
    let mut root = sinchctl::cli::Cli::command();
    root.build();
    let mut with_examples = Vec::new();
    walk(&root, "", &mut with_examples);
    assert!(with_examples.len() >= 10, "{with_examples:?}");
    let pages: BTreeMap<String, Vec<u8>> = generate::man_pages().unwrap().into_iter().collect();
    for (page, examples) in with_examples {
        let roff = String::from_utf8(pages[&page].clone()).unwrap();
        let block = roff
            .split(".SH EXAMPLES\n.nf\n")
            .nth(1)
            .and_then(|rest| rest.split("\n.fi\n").next())
            .unwrap_or_else(|| panic!("{page} has no preformatted EXAMPLES section"));
        // Back from roff: one output line per example line, none joined or split.
        let lines: Vec<String> = block
            .lines()
            .map(|l| {
                l.trim_start_matches("\\&")
                    .replace("\\-", "-")
                    .replace("\\e", "\\")
            })
            .collect();
        assert_eq!(lines, examples, "{page}");
    }
}

#[test]
fn help_lists_global_options_after_the_commands_own() {
    use clap::CommandFactory;
    let env = crate::support::Env::new();
    let root = sinchctl::cli::Cli::command();
    let mut paths: Vec<Vec<String>> = Vec::new();
    for sub in root.get_subcommands().filter(|s| s.get_name() != "help") {
        paths.push(vec![sub.get_name().to_owned()]);
        for inner in sub.get_subcommands().filter(|s| s.get_name() != "help") {
            paths.push(vec![sub.get_name().to_owned(), inner.get_name().to_owned()]);
        }
    }
    assert!(paths.len() >= 20, "{paths:?}");
    for path in &paths {
        let cmd = path.join(" ");
        let out = env.cmd().args(path).arg("--help").output().unwrap();
        assert!(out.status.success());
        let help = String::from_utf8(out.stdout).unwrap();
        let own = help.find("\nOptions:").unwrap_or(0);
        let global = help
            .find("\nGlobal options:")
            .unwrap_or_else(|| panic!("{cmd} --help has no Global options heading"));
        assert!(own < global, "{cmd}: global options come first");
        assert!(help[global..].contains("--profile"));
        assert!(!help[..global].contains("--profile <NAME>"));
    }
}

#[test]
fn no_arguments_prints_a_short_start() {
    let out = crate::support::Env::new().cmd().output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let text = String::from_utf8(out.stderr).unwrap();
    let demo = text.find("sinchctl demo").expect("demo is listed");
    let listen = text.find("sinchctl listen").expect("listen is listed");
    assert!(demo < listen, "demo comes first: {text}");
    assert!(text.contains("sinchctl --help"), "{text}");
    assert!(text.lines().count() < 15, "{text}");
}

/// The README's settings table is rendered from the settings table
/// (`sinchctl::config::KEYS`), between `<!-- settings -->` markers; and every
/// command it names for a flag really has that flag.
#[test]
fn readme_settings_table_matches_keys() {
    const OPEN: &str = "<!-- settings -->\n";
    const CLOSE: &str = "<!-- /settings -->";
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap().replace('\r', "");
    let start = readme
        .find(OPEN)
        .expect("README.md lacks <!-- settings -->")
        + OPEN.len();
    let end = start
        + readme[start..]
            .find(CLOSE)
            .expect("README.md lacks <!-- /settings -->");
    let rendered = sinchctl::config::markdown_table();
    if std::env::var_os("SINCHCTL_REGENERATE").is_some() {
        let text = format!("{}{rendered}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, text).unwrap();
    } else {
        assert_eq!(
            readme[start..end],
            rendered,
            "README.md's settings table drifted from KEYS (src/config/keys.rs)\n\
             regenerate with: SINCHCTL_REGENERATE=1 cargo test --test cli generated"
        );
    }
    let mut cli = <sinchctl::cli::Cli as clap::CommandFactory>::command();
    cli.build();
    for spec in &sinchctl::config::KEYS {
        let Some(flag) = spec.flag else { continue };
        assert!(
            !spec.on.is_empty(),
            "{} has {flag} but names no command",
            spec.name
        );
        for path in spec.on {
            let cmd = path
                .split(' ')
                .try_fold(&cli, |c, name| c.find_subcommand(name))
                .unwrap_or_else(|| panic!("{}: no command {path:?}", spec.name));
            assert!(
                cmd.get_arguments()
                    .any(|a| a.get_long() == flag.strip_prefix("--")),
                "{}: `{path}` has no {flag}",
                spec.name
            );
        }
    }
}
