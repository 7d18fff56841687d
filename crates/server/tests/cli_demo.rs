//! The demo's scale on the command line: `mutasi demo --scale N` and `mutasi serve --demo
//! --demo-scale N` (1 by default, at most `demo::MAX_SCALE`).

use clap::Parser;
use mutasi_core::demo::MAX_SCALE;
use mutasi_server::cli::{Cli, Command};

fn parse(argv: &[&str]) -> Result<Command, clap::Error> {
    Cli::try_parse_from(argv).map(|c| c.command)
}

fn serve_scale(extra: &[&str]) -> Result<u32, clap::Error> {
    let mut argv = vec!["mutasi", "serve", "--demo"];
    argv.extend_from_slice(extra);
    match parse(&argv)? {
        Command::Serve(a) => Ok(a.demo_scale),
        other => panic!("{other:?}"),
    }
}

fn demo_scale(extra: &[&str]) -> Result<u32, clap::Error> {
    let mut argv = vec!["mutasi", "demo", "--out", "demo.json"];
    argv.extend_from_slice(extra);
    match parse(&argv)? {
        Command::Demo(a) => Ok(a.scale),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_demo_is_the_city_unless_a_scale_is_given() {
    assert_eq!(serve_scale(&[]).unwrap(), 1);
    assert_eq!(serve_scale(&["--demo-scale", "5"]).unwrap(), 5);
    assert_eq!(demo_scale(&[]).unwrap(), 1);
    assert_eq!(demo_scale(&["--scale", "5"]).unwrap(), 5);
}

#[test]
fn a_scale_outside_one_to_the_largest_is_refused() {
    let too_big = (MAX_SCALE + 1).to_string();
    for bad in ["0", too_big.as_str(), "x"] {
        assert!(serve_scale(&["--demo-scale", bad]).is_err(), "{bad}");
        assert!(demo_scale(&["--scale", bad]).is_err(), "{bad}");
    }
    assert!(demo_scale(&["--scale", &MAX_SCALE.to_string()]).is_ok());
}

#[test]
fn the_scaled_demo_dataset_keeps_the_demo_rules() {
    let ds = mutasi_server::demo_seed::demo_dataset(1);
    assert!(
        ds.rules().submission_months.is_empty(),
        "proposals all year"
    );
    assert_eq!(
        ds.employees().len(),
        mutasi_core::demo::generate(1).employees().len()
    );
}
