//! The command line: `admin-tui [--server URL] [--config-dir DIR] [--poll-secs N]`.

use std::path::PathBuf;

use clap::Parser;

/// The server the console talks to when none is given.
pub const DEFAULT_SERVER: &str = "http://127.0.0.1:3000";

/// The Halles console for sellers and operators.
#[derive(Debug, Clone, Parser)]
#[command(name = "admin-tui", version, about)]
pub struct Args {
    /// The Halles server to talk to.
    #[arg(long, env = "HALLES_SERVER", default_value = DEFAULT_SERVER, value_parser = parse_server)]
    pub server: String,
    /// Where the console keeps its saved token (default: `<config dir>/halles`).
    #[arg(long, env = "HALLES_CONSOLE_CONFIG_DIR")]
    pub config_dir: Option<PathBuf>,
    /// How often, in seconds, the console checks for new orders while a seller is signed in.
    #[arg(long, env = "HALLES_CONSOLE_POLL_SECS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub poll_secs: u64,
}

/// Accepts `http://…` and `https://…` addresses, without a trailing `/`.
fn parse_server(value: &str) -> Result<String, String> {
    let value = value.trim().trim_end_matches('/');
    let rest = value
        .strip_prefix("http://")
        .or_else(|| value.strip_prefix("https://"))
        .ok_or_else(|| format!("`{value}` should start with http:// or https://"))?;
    if rest.is_empty() {
        return Err("the server address has no host".to_owned());
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::Args;

    #[test]
    fn the_server_defaults_and_is_checked() {
        let args = Args::try_parse_from(["admin-tui", "--server", "http://h:1/"]).expect("parses");
        assert_eq!(args.server, "http://h:1");
        assert!(Args::try_parse_from(["admin-tui", "--server", "h:1"]).is_err());
    }

    #[test]
    fn orders_are_polled_every_10_s_unless_told() {
        let args = Args::try_parse_from(["admin-tui"]).expect("parses");
        assert_eq!(args.poll_secs, 10);
        let args = Args::try_parse_from(["admin-tui", "--poll-secs", "3"]).expect("parses");
        assert_eq!(args.poll_secs, 3);
        assert!(Args::try_parse_from(["admin-tui", "--poll-secs", "0"]).is_err());
    }
}
