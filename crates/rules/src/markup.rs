//! A render [`Plan`] written as HTML: how `news-ticker-feed render` turns
//! the widget's own render into a server-rendered container. The plan is
//! run over a small tree exactly as `apply` in `src/web/host/render.js` runs it
//! over the DOM, then the tree is written out. This is the one place the
//! builder writes markup: every text and attribute value passes through
//! [`escape_text`] or [`escape_attribute`], so no feed text can open a tag,
//! end an attribute or close the `<template>` around it.
//!
//! An element the plan keeps in a slot carries its number in
//! [`SLOT_ATTRIBUTE`]: the widget that adopts the markup finds its parts
//! by it (`adopt` in `src/web/host/render.js`) and removes it.

use crate::plan::Plan;

/// An element of the tree a plan builds.
#[derive(Clone, Debug, Default)]
struct Node {
    tag: String,
    attributes: Vec<(String, String)>,
    children: Vec<Child>,
}

/// What an element holds: elements (by index) and texts, in order.
#[derive(Clone, Debug, PartialEq)]
enum Child {
    Element(usize),
    Text(String),
}

/// The attribute that gives an element's slot in the markup.
pub const SLOT_ATTRIBUTE: &str = "data-nt-slot";

/// Elements HTML writes without an end tag.
const VOID: [&str; 4] = ["img", "br", "hr", "input"];

/// Why a plan cannot be written (a plan the renderer made never fails).
#[derive(Debug, PartialEq, Eq)]
pub struct BadPlan(pub &'static str);

/// The elements `plan` builds in an empty shadow root, as HTML.
pub fn html(plan: &Plan) -> Result<String, BadPlan> {
    let mut nodes = vec![Node::default()];
    let mut slots: Vec<Option<usize>> = vec![Some(0)];
    let mut current = 0usize;
    let mut stack: Vec<usize> = Vec::new();
    let text = plan.as_str();
    let mut fields = text.split('\0');
    let slot_of = |field: Option<&str>| field.and_then(|f| f.parse::<usize>().ok()).ok_or(BadPlan("a slot number"));
    while let Some(edit) = fields.next() {
        match edit {
            "" => break,
            "o" => {
                let tag = fields.next().ok_or(BadPlan("a tag"))?;
                if !tag.bytes().all(|b| b.is_ascii_alphanumeric()) || tag.is_empty() {
                    return Err(BadPlan("a tag of letters and digits"));
                }
                nodes.push(Node { tag: tag.to_owned(), ..Node::default() });
                let made = nodes.len() - 1;
                nodes[current].children.push(Child::Element(made));
                stack.push(current);
                current = made;
            }
            "c" => current = stack.pop().unwrap_or(0),
            "a" => {
                let (name, value) = (fields.next(), fields.next());
                let (Some(name), Some(value)) = (name, value) else { return Err(BadPlan("a name and a value")) };
                if !valid_name(name) {
                    return Err(BadPlan("an attribute name of letters, digits and dashes"));
                }
                let attributes = &mut nodes[current].attributes;
                match attributes.iter_mut().find(|(n, _)| n == name) {
                    Some(pair) => pair.1 = value.to_owned(),
                    None => attributes.push((name.to_owned(), value.to_owned())),
                }
            }
            "x" => {
                let name = fields.next().ok_or(BadPlan("a name"))?;
                nodes[current].attributes.retain(|(n, _)| n != name);
            }
            "t" => {
                let value = fields.next().ok_or(BadPlan("a text"))?;
                nodes[current].children = vec![Child::Text(value.to_owned())];
            }
            "s" => {
                let slot = slot_of(fields.next())?;
                if slots.len() <= slot {
                    slots.resize(slot + 1, None);
                }
                slots[slot] = Some(current);
            }
            "g" | "r" => {
                let slot = slot_of(fields.next())?;
                current = slots.get(slot).copied().flatten().ok_or(BadPlan("a kept slot"))?;
                stack.clear();
                if edit == "r" {
                    nodes[current].children.clear();
                }
            }
            "m" => {
                let slot = slot_of(fields.next())?;
                let moved = slots.get(slot).copied().flatten().ok_or(BadPlan("a kept slot"))?;
                for node in nodes.iter_mut() {
                    node.children.retain(|c| *c != Child::Element(moved));
                }
                nodes[current].children.push(Child::Element(moved));
            }
            "k" => {
                let slot = slot_of(fields.next())?;
                let original = slots.get(slot).copied().flatten().ok_or(BadPlan("a kept slot"))?;
                let made = deep_copy(&mut nodes, original);
                nodes[current].children.push(Child::Element(made));
                stack.push(current);
                current = made;
            }
            _ => return Err(BadPlan("a known edit")),
        }
    }
    let mut kept = vec![None; nodes.len()];
    for (slot, node) in slots.iter().enumerate().skip(1) {
        if let Some(node) = node {
            kept[*node] = Some(slot);
        }
    }
    let mut out = String::new();
    write_children(&Tree { nodes: &nodes, kept: &kept }, 0, &mut out);
    Ok(out)
}

fn valid_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn deep_copy(nodes: &mut Vec<Node>, original: usize) -> usize {
    let mut copy = nodes[original].clone();
    copy.children = copy
        .children
        .iter()
        .map(|c| match c {
            Child::Element(e) => Child::Element(deep_copy(nodes, *e)),
            text => text.clone(),
        })
        .collect();
    nodes.push(copy);
    nodes.len() - 1
}

/// The elements a plan made, and the slot each is kept in.
struct Tree<'a> {
    nodes: &'a [Node],
    kept: &'a [Option<usize>],
}

fn write(tree: &Tree, at: usize, out: &mut String) {
    let node = &tree.nodes[at];
    let slot = tree.kept[at].map(|slot| crate::decimal::whole(slot as u64, 1));
    let mut attributes: Vec<(&str, &str)> = slot.iter().map(|s| (SLOT_ATTRIBUTE, s.as_str())).collect();
    attributes.extend(node.attributes.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    start_tag(&node.tag, &attributes, out);
    if VOID.contains(&node.tag.as_str()) {
        return;
    }
    write_children(tree, at, out);
    out.push_str("</");
    out.push_str(&node.tag);
    out.push('>');
}

fn write_children(tree: &Tree, at: usize, out: &mut String) {
    for child in &tree.nodes[at].children {
        match child {
            Child::Element(e) => write(tree, *e, out),
            Child::Text(text) => escape_text(text, out),
        }
    }
}

/// Text as HTML text: `&`, `<` and `>` written as references, and a NUL
/// (which a parser would drop) as U+FFFD, as the DOM shows it.
pub fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\0' => out.push(char::REPLACEMENT_CHARACTER),
            c => out.push(c),
        }
    }
}

/// A value for a double-quoted attribute: `&`, `"`, `<` and `>` as references.
pub fn escape_attribute(value: &str, out: &mut String) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\0' => out.push(char::REPLACEMENT_CHARACTER),
            c => out.push(c),
        }
    }
}

/// An element's start tag with its attributes, each value escaped; names
/// other than letters, digits and dashes are left out.
pub fn start_tag(tag: &str, attributes: &[(&str, &str)], out: &mut String) {
    out.push('<');
    out.push_str(tag);
    for (name, value) in attributes.iter().filter(|(n, _)| valid_name(n)) {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        escape_attribute(value, out);
        out.push('"');
    }
    out.push('>');
}

/// A `<style>` element holding `css` as written: its text is raw (HTML
/// reads no references in it), so a text that could end the element early
/// is refused rather than escaped.
pub fn style_element(css: &str, out: &mut String) -> Result<(), BadPlan> {
    if css.to_ascii_lowercase().contains("</style") {
        return Err(BadPlan("stylesheet without \"</style\""));
    }
    out.push_str("<style>");
    out.push_str(css);
    out.push_str("</style>");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Slot;

    #[test]
    fn a_plan_is_written_as_the_elements_it_makes() {
        let mut plan = Plan::default();
        plan.clear(Slot::Shadow).open("ul").keep(Slot::Visible).open("li").attr("part", "rate").text("A & B");
        plan.close().close().copy(Slot::Visible).attr("aria-hidden", "true").attr("inert", "").close();
        assert_eq!(
            html(&plan).unwrap(),
            "<ul data-nt-slot=\"5\"><li part=\"rate\">A &amp; B</li></ul><ul aria-hidden=\"true\" inert=\"\"><li part=\"rate\">A &amp; B</li></ul>"
        );
    }

    #[test]
    fn a_stylesheet_that_could_end_its_element_is_refused() {
        let mut out = String::new();
        assert!(style_element("a > b { color: red }", &mut out).is_ok());
        assert_eq!(out, "<style>a > b { color: red }</style>");
        assert!(style_element("a{}</STYLE><script>x</script>", &mut String::new()).is_err());
    }

    #[test]
    fn no_text_or_value_can_end_its_element() {
        let mut plan = Plan::default();
        plan.open("p").attr("title", "\"><script>x</script>").text("</template><script>alert(1)</script>").close();
        let written = html(&plan).unwrap();
        assert_eq!(
            written,
            "<p title=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">&lt;/template&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>"
        );
    }

    #[test]
    fn a_text_replaces_what_the_element_held_and_a_move_does_not_copy() {
        let mut plan = Plan::default();
        plan.open("div").keep(Slot::Track).open("ul").keep(Slot::Visible).close().text("t").close();
        plan.go(Slot::Track).append(Slot::Visible).append(Slot::Visible);
        plan.go(Slot::Visible).remove_attr("x").attr("class", "a").attr("class", "b").open("img").attr("src", "s");
        assert_eq!(
            html(&plan).unwrap(),
            "<div data-nt-slot=\"4\">t<ul data-nt-slot=\"5\" class=\"b\"><img src=\"s\"></ul></div>"
        );
        plan.go(Slot::Visible).text("a").open("b").close();
        assert_eq!(
            html(&plan).unwrap(),
            "<div data-nt-slot=\"4\">t<ul data-nt-slot=\"5\" class=\"b\">a<b></b></ul></div>"
        );
    }
}
