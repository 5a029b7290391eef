//! A static file server for the widget's files (`dist/www`), for the demo and the end-to-end
//! tests: GET only, no directory listings, nothing outside its folder, `.wasm` as
//! `application/wasm` so browsers compile it while it downloads, and text and wasm gzipped for
//! browsers that accept it, as any host of the widget should serve them (the size budgets are
//! gzip -9; served raw, the widget's wasm is nearly three times as long on a slow link).

use crate::run::{Failure, Result};
use flate2::Compression;
use flate2::write::GzEncoder;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// A running file server; it stops with the process.
pub struct FileServer {
    /// Its base URL, e.g. `http://127.0.0.1:8789`.
    pub url: String,
}

impl FileServer {
    /// Serves `root` on `addr` (`127.0.0.1:0` picks a free port).
    pub fn start(root: &Path, addr: &str) -> Result<Self> {
        let server = tiny_http::Server::http(addr)
            .map_err(|e| Failure(format!("cannot serve on {addr}: {e}")))?;
        let url = match server.server_addr() {
            tiny_http::ListenAddr::IP(ip) => format!("http://{ip}"),
            #[allow(unreachable_patterns)]
            _ => return Err(Failure(format!("{addr} is not an IP address"))),
        };
        let server = Arc::new(server);
        let root = root.to_path_buf();
        std::thread::spawn(move || {
            let gzipped = Gzipped::default();
            for request in server.incoming_requests() {
                let gzip = request.headers().iter().any(|header| {
                    header.field.equiv("Accept-Encoding") && accepts_gzip(header.value.as_str())
                });
                let response = answer(
                    &root,
                    request.method(),
                    request.url(),
                    gzip.then_some(&gzipped),
                );
                let _ = request.respond(response);
            }
        });
        Ok(Self { url })
    }
}

type Answer = tiny_http::Response<std::io::Cursor<Vec<u8>>>;

/// A file's gzip -9, with the length and time of the file it was made from.
type Kept = (u64, Option<SystemTime>, Arc<Vec<u8>>);

/// Each file's gzip -9, kept while the file is unchanged.
#[derive(Default)]
struct Gzipped(Mutex<HashMap<PathBuf, Kept>>);

impl Gzipped {
    /// `body` (the file at `path`) gzipped, from the cache when the file has not changed.
    fn of(&self, path: &Path, body: &[u8]) -> Option<Arc<Vec<u8>>> {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        let len = body.len() as u64;
        let mut cache = self.0.lock().ok()?;
        if let Some((l, m, gz)) = cache.get(path)
            && (*l, *m) == (len, modified)
        {
            return Some(Arc::clone(gz));
        }
        let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(body).ok()?;
        let gz = Arc::new(encoder.finish().ok()?);
        cache.insert(path.to_path_buf(), (len, modified, Arc::clone(&gz)));
        Some(gz)
    }
}

/// Whether an `Accept-Encoding` value accepts gzip (`gzip` or `*`, not with `q=0`).
fn accepts_gzip(value: &str) -> bool {
    value.split(',').any(|coding| {
        let mut parts = coding.split(';').map(str::trim);
        let name = parts.next().unwrap_or_default();
        let refused = parts.any(|p| {
            p.strip_prefix("q=")
                .and_then(|q| q.parse::<f32>().ok())
                .is_some_and(|q| q == 0.0)
        });
        (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
    })
}

/// Whether a file of this type is worth gzipping (text and wasm; images are compressed).
fn compressible(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("html" | "js" | "mjs" | "css" | "wasm" | "json" | "svg")
    )
}

fn answer(root: &Path, method: &tiny_http::Method, url: &str, gzipped: Option<&Gzipped>) -> Answer {
    if *method != tiny_http::Method::Get && *method != tiny_http::Method::Head {
        return plain(405, "only GET");
    }
    let Some(path) = file_path(root, url) else {
        return plain(404, "not found");
    };
    match std::fs::read(&path) {
        Ok(body) => {
            let gz = gzipped
                .filter(|_| compressible(&path))
                .and_then(|cache| cache.of(&path, &body));
            let encoding = if gz.is_some() { "gzip" } else { "identity" };
            let body = gz.map_or(body, |gz| gz.as_ref().clone());
            let mut response = tiny_http::Response::from_data(body);
            for (name, value) in [
                ("Content-Type", mime(&path)),
                ("Content-Encoding", encoding),
                ("Vary", "Accept-Encoding"),
                ("Cache-Control", "no-store"),
                ("X-Content-Type-Options", "nosniff"),
            ] {
                if let Ok(header) = tiny_http::Header::from_bytes(name, value) {
                    response.add_header(header);
                }
            }
            response
        }
        Err(_) => plain(404, "not found"),
    }
}

/// The file a URL path names under `root`; `None` for anything that would leave it.
fn file_path(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let mut relative = PathBuf::new();
    for part in path.split('/').filter(|p| !p.is_empty()) {
        let part = Path::new(part);
        match part.components().next() {
            Some(Component::Normal(name)) if part.components().count() == 1 => relative.push(name),
            _ => return None,
        }
    }
    let full = root.join(relative);
    let full = if full.is_dir() {
        full.join("index.html")
    } else {
        full
    };
    full.is_file().then_some(full)
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

fn plain(status: u16, text: &str) -> Answer {
    tiny_http::Response::from_data(text.as_bytes().to_vec()).with_status_code(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_leave_the_folder() {
        let root = std::env::temp_dir().join("plane-inline-serve-test");
        std::fs::create_dir_all(root.join("pkg")).unwrap();
        std::fs::write(root.join("index.html"), "x").unwrap();
        std::fs::write(root.join("pkg/a.wasm"), "x").unwrap();
        assert_eq!(file_path(&root, "/"), Some(root.join("index.html")));
        assert_eq!(
            file_path(&root, "/pkg/a.wasm?v=1"),
            Some(root.join("pkg/a.wasm"))
        );
        assert_eq!(file_path(&root, "/../etc/passwd"), None);
        assert_eq!(file_path(&root, "/pkg/../../x"), None);
        assert_eq!(file_path(&root, "/missing.js"), None);
        assert_eq!(mime(Path::new("a.wasm")), "application/wasm");
    }

    #[test]
    fn text_and_wasm_are_gzipped_for_browsers_that_accept_it() {
        assert!(accepts_gzip("gzip, deflate, br, zstd"));
        assert!(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
        assert!(accepts_gzip("*"));
        assert!(!accepts_gzip("gzip;q=0"));
        assert!(!accepts_gzip("br, deflate"));
        assert!(!accepts_gzip(""));
        let root = std::env::temp_dir().join("plane-inline-serve-gzip-test");
        std::fs::create_dir_all(&root).unwrap();
        let text = "plane inline ".repeat(1_000);
        std::fs::write(root.join("a.js"), &text).unwrap();
        std::fs::write(root.join("b.png"), &text).unwrap();
        let get = |url: &str, gzip: Option<&Gzipped>| {
            let answer = answer(&root, &tiny_http::Method::Get, url, gzip);
            let encoding = answer
                .headers()
                .iter()
                .find(|h| h.field.equiv("Content-Encoding"))
                .map(|h| h.value.to_string());
            let mut body = Vec::new();
            std::io::Read::read_to_end(&mut answer.into_reader(), &mut body).unwrap();
            (encoding.unwrap(), body)
        };
        let cache = Gzipped::default();
        let (encoding, body) = get("/a.js", Some(&cache));
        assert_eq!(encoding, "gzip");
        let mut unzipped = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&body[..]), &mut unzipped)
            .unwrap();
        assert_eq!(unzipped, text);
        assert!(body.len() < text.len() / 20, "{} bytes", body.len());
        assert_eq!(
            get("/a.js", None),
            ("identity".into(), text.clone().into_bytes())
        );
        assert_eq!(get("/b.png", Some(&cache)).0, "identity");
    }
}
