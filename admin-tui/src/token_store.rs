//! Remembering the console's bearer token between runs, per server.
//!
//! The file is `console.json` in the config directory (`--config-dir`, env
//! `HALLES_CONSOLE_CONFIG_DIR`, else `<config dir>/halles`, e.g. `~/.config/halles`). It is
//! created with mode 0600 in a directory created with mode 0700, and holds
//! `{"tokens": {"<server url>": "<token>"}}`.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The file name of the store inside the config directory.
pub const FILE_NAME: &str = "console.json";

/// The default config directory: `<config dir>/halles` (e.g. `~/.config/halles`).
pub fn default_config_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|dir| dir.join("halles"))
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Contents {
    #[serde(default)]
    tokens: BTreeMap<String, String>,
}

/// The saved tokens, one per server address.
#[derive(Debug, Clone)]
pub struct TokenStore {
    dir: PathBuf,
}

impl TokenStore {
    /// A store in `dir` (created on first save).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The directory the store lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The path of the store's file.
    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// The token saved for `server`, if any. A missing or unreadable file is no token.
    pub fn load(&self, server: &str) -> Option<String> {
        self.read().ok()?.tokens.remove(&normalise(server))
    }

    /// Saves `token` for `server`, replacing any earlier one.
    pub fn save(&self, server: &str, token: &str) -> io::Result<()> {
        let mut contents = self.read().unwrap_or_default();
        contents.tokens.insert(normalise(server), token.to_owned());
        self.write(&contents)
    }

    /// Forgets the token of `server`; the file goes when no token is left.
    pub fn delete(&self, server: &str) -> io::Result<()> {
        let mut contents = match self.read() {
            Ok(contents) => contents,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(_) => Contents::default(),
        };
        contents.tokens.remove(&normalise(server));
        if contents.tokens.is_empty() {
            match fs::remove_file(self.path()) {
                Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
                _ => Ok(()),
            }
        } else {
            self.write(&contents)
        }
    }

    fn read(&self) -> io::Result<Contents> {
        let bytes = fs::read(self.path())?;
        serde_json::from_slice(&bytes)
            .map_err(|error| io::Error::new(io::ErrorKind::InvalidData, error))
    }

    fn write(&self, contents: &Contents) -> io::Result<()> {
        create_private_dir(&self.dir)?;
        let json = serde_json::to_vec_pretty(contents).map_err(io::Error::other)?;
        // Write a private temporary file, then rename it over the old one.
        let temporary = self.dir.join(format!("{FILE_NAME}.tmp"));
        let _ = fs::remove_file(&temporary);
        let mut file = private_file_options().open(&temporary)?;
        file.write_all(&json)?;
        file.sync_all()?;
        fs::rename(&temporary, self.path())
    }
}

/// Server addresses are compared without a trailing `/`.
fn normalise(server: &str) -> String {
    server.trim_end_matches('/').to_owned()
}

/// Creates `dir` and its parents; on Unix, new directories are private (0700).
#[cfg(unix)]
pub(crate) fn create_private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

/// Creates `dir` and its parents.
#[cfg(not(unix))]
pub(crate) fn create_private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)
}

fn private_file_options() -> fs::OpenOptions {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::TokenStore;

    fn fresh_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("halles-console-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn a_token_is_saved_per_server_and_deleted() {
        let dir = fresh_dir("store");
        let store = TokenStore::new(dir.join("nested"));
        assert_eq!(store.load("http://a"), None);

        store.save("http://a/", "tok-a").expect("saves");
        store.save("http://b", "tok-b").expect("saves");
        assert_eq!(store.load("http://a").as_deref(), Some("tok-a"));
        assert_eq!(store.load("http://b/").as_deref(), Some("tok-b"));

        store.delete("http://a").expect("deletes");
        assert_eq!(store.load("http://a"), None);
        assert!(store.path().exists());
        store.delete("http://b").expect("deletes");
        assert!(!store.path().exists());
        store.delete("http://b").expect("deleting twice is fine");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = fresh_dir("mode");
        let store = TokenStore::new(&dir);
        store.save("http://a", "tok").expect("saves");
        let mode = std::fs::metadata(store.path())
            .expect("exists")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let dir_mode = std::fs::metadata(&dir)
            .expect("exists")
            .permissions()
            .mode();
        assert_eq!(dir_mode & 0o777, 0o700);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_corrupt_file_is_no_token_and_is_replaced_on_save() {
        let dir = fresh_dir("corrupt");
        let store = TokenStore::new(&dir);
        std::fs::create_dir_all(&dir).expect("creates");
        std::fs::write(store.path(), "not json").expect("writes");
        assert_eq!(store.load("http://a"), None);
        store.save("http://a", "tok").expect("saves");
        assert_eq!(store.load("http://a").as_deref(), Some("tok"));
        let _ = std::fs::remove_dir_all(dir);
    }
}
