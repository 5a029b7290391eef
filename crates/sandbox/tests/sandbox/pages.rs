//! Stand-ins for Plane's web-app pages.

use super::common::*;

#[tokio::test]
async fn work_item_page_and_strict_csp() {
    let h = start().await;
    let page = h
        .client
        .get(h.url("/demo/browse/DEMO-12/"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.headers().get("content-security-policy").is_none());
    let html = page.text().await.unwrap();
    assert!(
        html.contains("<title>DEMO-12 Add login flow</title>"),
        "{html}"
    );
    assert!(html.contains("data-work-item-name"));
    let strict = h
        .client
        .get(h.url("/demo/browse/DEMO-12/?csp=strict"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        strict.headers()["content-security-policy"],
        "script-src 'self'"
    );
    for missing in [
        "/demo/browse/DEMO-999/",
        "/demo/browse/nothing/",
        "/nowhere/browse/DEMO-1/",
    ] {
        let response = h.client.get(h.url(missing)).send().await.unwrap();
        assert_eq!(response.status(), 404, "{missing}");
        assert!(response.text().await.unwrap().contains("Page not found"));
    }
}

async fn html_of_list(h: &Harness) -> String {
    let path = format!("/demo/projects/{}/issues/", project("DEMO"));
    h.client
        .get(h.url(&path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn list_page_with_peek_script() {
    let h = start().await;
    for path in [
        format!("/demo/projects/{}/issues/", project("DEMO")),
        format!("/demo/projects/{}/issues", project("DEMO")),
    ] {
        let page = h.client.get(h.url(&path)).send().await.unwrap();
        assert_eq!(page.status(), 200, "{path}");
        let html = page.text().await.unwrap();
        assert!(
            html.contains("data-work-item=\"DEMO-250\"")
                && html.contains("data-href=\"/demo/browse/DEMO-1/\"")
        );
        assert!(html.contains("<script src=\"/_pages/list.js\" defer></script>"));
        assert!(!html.contains("<script>"), "no inline script");
    }
    let script = h.client.get(h.url("/_pages/list.js")).send().await.unwrap();
    assert!(
        script.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    let js = script.text().await.unwrap();
    assert!(js.contains("full-screen-portal") && !js.contains("data-peek"));
    assert!(
        html_of_list(&h)
            .await
            .contains("<div id=\"full-screen-portal\""),
        "the portal Plane renders its peek overview into"
    );
    let missing = h
        .client
        .get(h.url(&format!("/demo/projects/{}/issues/", uuid::Uuid::new_v4())))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}
