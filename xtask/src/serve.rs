//! A static file server for the widget's files (`dist/www`), for the demo and the end-to-end
//! tests: GET only, no directory listings, nothing outside its folder, `.wasm` as
//! `application/wasm` so browsers compile it while it downloads.

use crate::run::{Failure, Result};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

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
            for request in server.incoming_requests() {
                let response = answer(&root, request.method(), request.url());
                let _ = request.respond(response);
            }
        });
        Ok(Self { url })
    }
}

type Answer = tiny_http::Response<std::io::Cursor<Vec<u8>>>;

fn answer(root: &Path, method: &tiny_http::Method, url: &str) -> Answer {
    if *method != tiny_http::Method::Get && *method != tiny_http::Method::Head {
        return plain(405, "only GET");
    }
    let Some(path) = file_path(root, url) else {
        return plain(404, "not found");
    };
    match std::fs::read(&path) {
        Ok(body) => {
            let mut response = tiny_http::Response::from_data(body);
            for (name, value) in [
                ("Content-Type", mime(&path)),
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
}
