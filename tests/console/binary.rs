//! The real `admin-tui` executable, as `cargo build --bin admin-tui` makes it.
//!
//! Cargo builds another package's binaries only when asked (`CARGO_BIN_EXE_*` covers the
//! tested package's own), and artifact dependencies are not stable. So the test asks Cargo
//! itself, once per test process, to build the binary into the target directory and
//! profile this test executable came from. Cargo decides whether the binary is missing or
//! stale: when it is fresh, the build is a no-op of about a second.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The console's executable, built if needed (blocking: call it off the async runtime).
pub fn admin_tui() -> &'static Path {
    static EXECUTABLE: OnceLock<PathBuf> = OnceLock::new();
    EXECUTABLE.get_or_init(build)
}

/// Where this test executable was built: `<target dir>[/<triple>]/<profile dir>/deps/`.
struct Layout {
    target_dir: PathBuf,
    triple: Option<String>,
    profile_dir: String,
}

fn build() -> PathBuf {
    let layout = layout();
    // The cargo that runs the tests, else the one that built them.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
    let mut command = Command::new(cargo);
    for (name, _) in std::env::vars_os() {
        if let Some(name) = name.to_str()
            && describes_the_tests_crate(name)
        {
            command.env_remove(name);
        }
    }
    // From the workspace root without `--package`: the build resolves features across the
    // workspace's default members, as `cargo test --workspace --exclude frontend` does, so
    // it reuses the dependencies the test run has just built and compiles only the console
    // itself (with `--package admin-tui`, the HTTP and TLS stack is built a second time).
    let workspace_root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate is a folder of the workspace");
    command
        .current_dir(workspace_root)
        .args(["build", "--bin", "admin-tui"])
        .args(["--message-format", "json-render-diagnostics"])
        .arg("--target-dir")
        .arg(&layout.target_dir);
    if let Some(triple) = &layout.triple {
        command.args(["--target", triple]);
    }
    // Cargo names the directory of the dev and test profiles `debug`, of release and
    // bench `release`, and of a custom profile after it.
    match layout.profile_dir.as_str() {
        "debug" => {}
        "release" => {
            command.arg("--release");
        }
        custom => {
            command.args(["--profile", custom]);
        }
    }
    let output = command
        .output()
        .unwrap_or_else(|error| panic!("running {command:?}: {error}"));
    assert!(
        output.status.success(),
        "building the console failed ({command:?}):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let executable = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .find(|message| {
            message["reason"] == "compiler-artifact" && message["target"]["name"] == "admin-tui"
        })
        .and_then(|artifact| artifact["executable"].as_str().map(PathBuf::from))
        .unwrap_or_else(|| panic!("{command:?} named no admin-tui executable"));
    assert!(
        executable.is_file(),
        "{} does not exist after the build",
        executable.display()
    );
    executable
}

/// Whether `name` is one of the variables Cargo sets for a test process, describing the
/// tests crate. Passed on, they would reach the build scripts that watch them (`ring`
/// watches `CARGO_MANIFEST_DIR`), which would then rerun, and the next `cargo test` would
/// rebuild half the dependency tree.
fn describes_the_tests_crate(name: &str) -> bool {
    name.starts_with("CARGO_PKG_")
        || name.starts_with("CARGO_BIN_EXE_")
        || matches!(
            name,
            "CARGO_MANIFEST_DIR"
                | "CARGO_MANIFEST_PATH"
                | "CARGO_CRATE_NAME"
                | "CARGO_BIN_NAME"
                | "CARGO_PRIMARY_PACKAGE"
                | "CARGO_TARGET_TMPDIR"
                | "CARGO_RUSTC_CURRENT_DIR"
                | "OUT_DIR"
        )
}

/// Finds the target directory above this test executable: the first ancestor holding the
/// `CACHEDIR.TAG` Cargo writes at the top of every target directory.
fn layout() -> Layout {
    let test_executable = std::env::current_exe().expect("the test executable's path");
    let deps = test_executable
        .parent()
        .expect("the test executable is in a deps directory");
    let profile = deps
        .parent()
        .expect("the deps directory is in a profile directory");
    let profile_dir = file_name(profile);
    let above = profile
        .parent()
        .expect("the profile directory is in a target directory");
    if above.join("CACHEDIR.TAG").is_file() {
        return Layout {
            target_dir: above.to_owned(),
            triple: None,
            profile_dir,
        };
    }
    // Cross-compiled tests: `<target dir>/<triple>/<profile dir>/deps/`.
    let target_dir = above
        .parent()
        .filter(|dir| dir.join("CACHEDIR.TAG").is_file())
        .unwrap_or_else(|| {
            panic!(
                "no Cargo target directory above {}",
                test_executable.display()
            )
        });
    Layout {
        target_dir: target_dir.to_owned(),
        triple: Some(file_name(above)),
        profile_dir,
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .and_then(|name| name.to_str())
        .unwrap_or_else(|| panic!("{} has no UTF-8 name", path.display()))
        .to_owned()
}
