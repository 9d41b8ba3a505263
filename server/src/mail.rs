//! Where the notification outbox's e-mails go: an SMTP server when `HALLES_SMTP_URL` is
//! set (lettre, over TLS unless the URL says otherwise), else `.eml` files in a folder a
//! developer can open.

use std::path::PathBuf;
use std::sync::Arc;

use futures::future::BoxFuture;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::{ExposeSecret, SecretString};
use services::buying::notifications::{FolderMailer, Mailer};
use services::db::entity::notifications;

/// How e-mail leaves Halles.
#[derive(Clone)]
pub struct MailSettings {
    /// Where `.eml` files are written when there is no SMTP server.
    pub dir: PathBuf,
    /// `smtps://user:password@host:465`, `smtp://host:587?tls=required`, … (lettre's URL).
    pub smtp_url: Option<SecretString>,
    /// The `From:` of every message.
    pub from: String,
}

impl MailSettings {
    /// Files in `dir`, no SMTP.
    pub fn folder(dir: PathBuf) -> Self {
        MailSettings {
            dir,
            smtp_url: None,
            from: DEFAULT_FROM.to_owned(),
        }
    }
}

impl std::fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailSettings")
            .field("dir", &self.dir)
            .field("smtp", &self.smtp_url.as_ref().map(|_| "[redacted]"))
            .field("from", &self.from)
            .finish()
    }
}

/// The sender when none is configured.
pub const DEFAULT_FROM: &str = "Halles <no-reply@halles.example>";

/// Builds the mailer the settings ask for; a bad SMTP URL is an error at startup.
pub fn mailer(settings: &MailSettings) -> anyhow::Result<Arc<dyn Mailer>> {
    match &settings.smtp_url {
        Some(url) => {
            let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
                .map_err(|err| anyhow::anyhow!("HALLES_SMTP_URL is not a usable SMTP URL: {err}"))?
                .build();
            Ok(Arc::new(SmtpMailer {
                transport,
                from: settings.from.clone(),
            }))
        }
        None => Ok(Arc::new(FolderMailer {
            folder: settings.dir.clone(),
            from: settings.from.clone(),
        })),
    }
}

/// Sends each message through an SMTP relay.
struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: String,
}

impl Mailer for SmtpMailer {
    fn deliver<'a>(
        &'a self,
        message: &'a notifications::Model,
    ) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            let email = Message::builder()
                .from(
                    self.from
                        .parse()
                        .map_err(|err| format!("bad From address: {err}"))?,
                )
                .to(message
                    .email
                    .parse()
                    .map_err(|err| format!("bad recipient: {err}"))?)
                .subject(message.subject.clone())
                .header(ContentType::TEXT_PLAIN)
                .body(message.body.clone())
                .map_err(|err| err.to_string())?;
            self.transport
                .send(email)
                .await
                .map(drop)
                .map_err(|err| err.to_string())
        })
    }
}

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    use tokio::net::TcpListener;

    use super::*;

    /// A one-message SMTP sink: answers the dialogue and hands back what DATA carried.
    async fn smtp_sink() -> (String, tokio::task::JoinHandle<String>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("smtp://{}", listener.local_addr().expect("addr"));
        let handle = tokio::spawn(async move {
            let (socket, _) = listener.accept().await.expect("accept");
            let (read, mut write) = socket.into_split();
            let mut lines = BufReader::new(read).lines();
            write.write_all(b"220 sink ready\r\n").await.expect("greet");
            let mut data = String::new();
            let mut in_data = false;
            while let Ok(Some(line)) = lines.next_line().await {
                if in_data {
                    if line == "." {
                        in_data = false;
                        write.write_all(b"250 queued\r\n").await.expect("queued");
                    } else {
                        data.push_str(&line);
                        data.push('\n');
                    }
                    continue;
                }
                let verb = line
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_uppercase();
                let answer: &[u8] = match verb.as_str() {
                    "EHLO" | "HELO" => b"250 sink\r\n",
                    "DATA" => {
                        in_data = true;
                        b"354 go ahead\r\n"
                    }
                    "QUIT" => {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        break;
                    }
                    _ => b"250 ok\r\n",
                };
                write.write_all(answer).await.expect("answer");
            }
            data
        });
        (url, handle)
    }

    #[tokio::test]
    async fn an_outbox_message_goes_out_through_smtp() {
        let (url, sink) = smtp_sink().await;
        let settings = MailSettings {
            dir: std::env::temp_dir(),
            smtp_url: Some(SecretString::from(url)),
            from: DEFAULT_FROM.to_owned(),
        };
        let mailer = mailer(&settings).expect("an SMTP mailer");
        let message = notifications::Model {
            id: "n1".into(),
            user_id: "u1".into(),
            kind: "order_placed".into(),
            email: "claire@example.com".into(),
            subject: "Commande H-ABC confirmée".into(),
            body: "Merci !".into(),
            order_id: None,
            dedupe_key: "order_placed:o1".into(),
            status: "sending".into(),
            attempts: 1,
            last_error: None,
            created_at: chrono::Utc::now(),
            sent_at: None,
            claimed_until: None,
        };
        mailer.deliver(&message).await.expect("delivered");
        let data = sink.await.expect("sink");
        assert!(data.contains("To: claire@example.com"), "{data}");
        assert!(data.contains("Merci"), "{data}");
    }

    #[test]
    fn a_bad_smtp_url_is_refused_at_startup() {
        let settings = MailSettings {
            dir: std::env::temp_dir(),
            smtp_url: Some(SecretString::from("not a url".to_owned())),
            from: DEFAULT_FROM.to_owned(),
        };
        assert!(mailer(&settings).is_err());
    }
}
