//! minify-html settings in one place (its `Cfg` fields change between versions). The output must
//! stay valid HTML for the Nu Html Checker: the doctype is kept and attribute values stay
//! spec-compliant.

/// Minifies one HTML page, including its inline CSS and JavaScript.
pub fn html(bytes: &[u8]) -> Vec<u8> {
    crate::timings::work(crate::timings::Work::Minify, || html_untimed(bytes))
}

fn html_untimed(bytes: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        minify_doctype: false,
        allow_noncompliant_unquoted_attribute_values: false,
        allow_removing_spaces_between_attributes: false,
        keep_closing_tags: false,
        keep_html_and_head_opening_tags: true,
        keep_comments: false,
        minify_css: true,
        minify_js: true,
        remove_bangs: false,
        remove_processing_instructions: true,
        ..minify_html::Cfg::default()
    };
    close_head(minify_html::minify(bytes, &cfg))
}

/// Puts back the `</head>` that minify-html leaves out (optional in HTML, but tools that read
/// our pages, such as Pagefind, find no page without it): inserted before `<body`, looked for
/// outside the head's scripts, styles and title. 7 bytes a page; the head is read from one
/// `<` to the next (memchr), which at 10,000 pages is the difference between noise and 2% of
/// a build.
fn close_head(mut page: Vec<u8>) -> Vec<u8> {
    // The next `<` at or after `from` that starts `tag` (any case).
    let find = |page: &[u8], mut from: usize, tag: &[u8]| -> Option<usize> {
        loop {
            let at = from + memchr::memchr(b'<', page.get(from..)?)?;
            if page.get(at..at + tag.len()).is_some_and(|p| p.eq_ignore_ascii_case(tag)) {
                return Some(at);
            }
            from = at + 1;
        }
    };
    let mut at = 0;
    while let Some(start) = find(&page, at, b"<") {
        let rest = page.get(start..).unwrap_or_default();
        let starts = |tag: &[u8]| rest.get(..tag.len()).is_some_and(|p| p.eq_ignore_ascii_case(tag));
        if starts(b"</head") {
            return page;
        }
        if starts(b"<body") {
            // In place: the minifier's buffer has room for 7 bytes more, as a rule (a new
            // buffer per page would cost every build its own page-sized allocation).
            page.reserve(7);
            page.splice(start..start, b"</head>".iter().copied());
            return page;
        }
        let raw_end: Option<&[u8]> = if starts(b"<script") {
            Some(b"</script")
        } else if starts(b"<style") {
            Some(b"</style")
        } else if starts(b"<title") {
            Some(b"</title")
        } else {
            None
        };
        at = match raw_end {
            Some(end) => match find(&page, start + 1, end) {
                Some(p) => p + end.len(),
                None => return page,
            },
            None => start + 1,
        };
    }
    page
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_doctype_scripts_and_json_ld() {
        let page = b"<!DOCTYPE html><html lang=\"pt-BR\"><head><title>x</title>\
            <script>document.documentElement.classList.add( 'js' );</script>\
            <script type=\"application/ld+json\">{\"@type\": \"Event\"}</script></head>\
            <body><p>  a   b  </p></body></html>";
        let out = String::from_utf8_lossy(&super::html(page)).to_string();
        assert!(out.to_lowercase().starts_with("<!doctype html>"), "{out}");
        assert!(
            out.contains("classList.add(`js`)")
                || out.contains("classList.add(\"js\")")
                || out.contains("classList.add('js')"),
            "{out}"
        );
        assert!(out.contains("\"@type\""), "{out}");
        assert!(out.contains("<p>a b"), "{out}");
        assert!(out.contains("</script></head><body>"), "{out}");
    }

    #[test]
    fn the_head_is_closed_once_and_not_inside_a_script() {
        let page = b"<!DOCTYPE html><html><head><title>&lt;body&gt;</title>\
            <script type=\"application/ld+json\">{\"a\": \"<body>\"}</script></head>\
            <body class=x><p>&lt;body&gt;</p></body></html>";
        let out = String::from_utf8_lossy(&super::html(page)).to_string();
        assert_eq!(out.matches("</head>").count(), 1, "{out}");
        assert!(out.contains("</script></head><body class=x>"), "{out}");
        // A page without a body tag is left alone.
        assert_eq!(super::close_head(b"<p>x".to_vec()), b"<p>x");
    }
}
