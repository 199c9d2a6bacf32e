//! The open provisions of the parser and the nesting rules between them.

use super::{Provision, ProvisionKind as K};

/// Last numbers seen among the children of a frame, per kind.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Last {
    inciso: Option<u32>,
    alinea: Option<u32>,
    item: Option<u32>,
    paragraph: Option<u32>,
}

impl Last {
    pub(super) fn slot(&mut self, kind: K) -> Option<&mut Option<u32>> {
        match kind {
            K::Inciso => Some(&mut self.inciso),
            K::Alinea => Some(&mut self.alinea),
            K::Item => Some(&mut self.item),
            K::Paragraph => Some(&mut self.paragraph),
            _ => None,
        }
    }
}

#[derive(Debug)]
pub(super) struct Frame {
    pub(super) node: Provision,
    /// Headings: 1–4 for título…subseção, 10 + level for Markdown headings.
    pub(super) rank: u8,
    /// An item opened by an inline " -" inside a paragraph of text.
    pub(super) inline_bullet: bool,
    pub(super) root: bool,
    pub(super) last: Last,
    pub(super) bullets: u32,
    /// Quoted amendments opened under this provision, for their ids (`alt1`, `alt2`).
    pub(super) amendments: u32,
}

impl Frame {
    pub(super) fn new(node: Provision) -> Self {
        Frame { node, rank: 0, inline_bullet: false, root: false, last: Last::default(), bullets: 0, amendments: 0 }
    }

    /// The page's root, or a further norm marked by the editor: both hold a whole act.
    pub(super) fn root_like(&self) -> bool {
        self.root || self.node.kind == K::Norm
    }

    /// A provision whose text the next lines may continue.
    pub(super) fn owns_text(&self) -> bool {
        !self.root_like() && matches!(self.node.kind, K::Caput | K::Paragraph | K::Inciso | K::Alinea | K::Item)
    }

    /// Where the search for an open sibling stops.
    pub(super) fn is_barrier(&self) -> bool {
        self.root_like() || matches!(self.node.kind, K::Heading | K::Article | K::Caput | K::Paragraph)
    }

    /// Can a heading of `rank` be a child of this frame?
    pub(super) fn holds_heading(&self, rank: u8) -> bool {
        self.root_like() || (self.node.kind == K::Heading && self.rank < rank)
    }

    /// Can a new `kind` provision be a child of this frame?
    pub(super) fn accepts(&self, kind: K, numbered: bool) -> bool {
        if self.root_like() {
            return kind != K::Caput;
        }
        match (kind, self.node.kind) {
            (K::Caput, _) => false,
            (_, K::Heading) => true,
            (K::Paragraph, K::Article) => true,
            (K::Inciso, K::Caput | K::Paragraph) => true,
            (K::Alinea, K::Inciso | K::Caput | K::Paragraph) => true,
            // Dourados: "4. … priorizando:" followed by " a.  O atendimento…".
            (K::Alinea, K::Item) => self.node.number.is_some(),
            (K::Item, K::Alinea | K::Inciso | K::Caput | K::Paragraph) => true,
            (K::Item, K::Item) => !numbered && self.node.number.is_some(),
            _ => false,
        }
    }
}
