//! minify-html settings in one place (its `Cfg` fields change between versions). The output must
//! stay valid HTML for the Nu Html Checker: the doctype is kept and attribute values stay
//! spec-compliant.

/// Minifies one HTML page, including its inline CSS and JavaScript.
pub fn html(bytes: &[u8]) -> Vec<u8> {
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
    minify_html::minify(bytes, &cfg)
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
    }
}
