//! Unions: which model holds each one, what its variants are called, and the order
//! in which deserialization tries them.

use std::collections::HashMap;

use heck::ToUpperCamelCase;

use super::{link_stem, Resolver, Site};
use crate::diag::Diagnostic;
use crate::ir::{self, Model, ModelKind, TypeRef, Variant};
use crate::lower::Body;
use crate::naming::{self, Scope};

impl Resolver {
    /// The id of the model for a union: the fieldless doc its link names, or else a
    /// model named after the owner and the field (`SAMLConnectionsData`).
    pub(super) fn union_model(&mut self, types: Vec<TypeRef>, link: Option<&str>, site: &Site<'_>) -> Option<String> {
        let variants: Vec<Variant> =
            types.into_iter().map(|ty| Variant { rust_name: String::new(), ty, boxed: false }).collect();
        let index = match self.union_doc(link, site.owner) {
            Some(i) => i,
            None => self.synthesized_union(site),
        };
        let model = &mut self.models[index];
        match &model.kind {
            ModelKind::Open => model.kind = ModelKind::Union { variants },
            ModelKind::Union { variants: existing } if same_types(existing, &variants) => {}
            _ => {
                let msg = format!("union `{}` is declared here with other member types than before", model.rust_name);
                self.errors.push(Diagnostic::error("E0042", msg).at(site.loc.clone()));
                return None;
            }
        }
        Some(self.models[index].id.clone())
    }

    fn union_doc(&self, link: Option<&str>, owner: usize) -> Option<usize> {
        let stem = link_stem(link?)?;
        let empty: Vec<usize> = self
            .by_stem
            .get(&stem)?
            .iter()
            .copied()
            .filter(|&i| matches!(self.drafts[i].body, Body::Empty | Body::Union(_)))
            .collect();
        match empty[..] {
            [one] => Some(one),
            _ => empty.into_iter().find(|&i| self.modules[i] == self.modules[owner]),
        }
    }

    /// A new model for a union written inline: each such union is its own type,
    /// named after its owner and field, numbered when that name is taken (two
    /// fields whose names convert alike, or two unions inside one field).
    fn synthesized_union(&mut self, site: &Site<'_>) -> usize {
        let owner = &self.models[site.owner];
        let name = naming::type_name(&format!("{}{}", owner.rust_name, site.field.to_upper_camel_case()));
        let module = owner.module.clone();
        let rust_name = self.scopes.entry(module.clone()).or_default().claim(name);
        let docs = format!("One of several types: the `{}` field of [`{}`].", site.field, owner.rust_name);
        let index = self.models.len();
        self.models.push(Model {
            id: ir::model_id(&module, &rust_name),
            title: rust_name.clone(),
            rust_name,
            module,
            source: site.loc.clone(),
            docs: Some(docs),
            kind: ModelKind::Open,
        });
        index
    }
}

fn same_types(a: &[Variant], b: &[Variant]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.ty == y.ty)
}

/// Names each union's variants and sorts them most specific first: structs with
/// more required fields before those with fewer, then enums, then scalars, with
/// strings, maps and untyped values last since they accept the most.
pub(super) fn order_variants(models: &mut [Model]) {
    let info: HashMap<String, (String, u8, usize, usize)> = models
        .iter()
        .map(|m| {
            let rank = match &m.kind {
                ModelKind::Struct { fields, .. } => {
                    let required = fields.iter().filter(|f| f.required).count();
                    (0, usize::MAX - required, usize::MAX - fields.len())
                }
                ModelKind::Enum { .. } => (1, 0, 0),
                ModelKind::Union { .. } => (2, 0, 0),
                ModelKind::Open => (8, 0, 0),
            };
            (m.id.clone(), (m.rust_name.clone(), rank.0, rank.1, rank.2))
        })
        .collect();
    for model in models.iter_mut() {
        let ModelKind::Union { variants } = &mut model.kind else { continue };
        variants.sort_by_key(|v| specificity(&v.ty, &info));
        let mut scope = Scope::default();
        for v in variants.iter_mut() {
            v.rust_name = scope.claim(variant_name(&v.ty, &info));
        }
    }
}

type Info = HashMap<String, (String, u8, usize, usize)>;

fn specificity(ty: &TypeRef, info: &Info) -> (u8, usize, usize) {
    match ty {
        TypeRef::Model(id) => info.get(id).map_or((9, 0, 0), |(_, r, a, b)| (*r, *a, *b)),
        TypeRef::Nullable(inner) => specificity(inner, info),
        TypeRef::Integer => (3, 0, 0),
        TypeRef::Boolean => (3, 1, 0),
        TypeRef::Float | TypeRef::Number => (4, 0, 0),
        TypeRef::Array(_) => (5, 0, 0),
        TypeRef::Date | TypeRef::DateTime => (6, 0, 0),
        TypeRef::String => (6, 1, 0),
        TypeRef::Map(_) => (7, 0, 0),
        TypeRef::Any => (9, 1, 0),
    }
}

fn variant_name(ty: &TypeRef, info: &Info) -> String {
    match ty {
        TypeRef::Model(id) => info.get(id).map_or_else(|| "Model".to_string(), |(name, ..)| name.clone()),
        TypeRef::Nullable(inner) => variant_name(inner, info),
        TypeRef::Array(inner) => format!("ArrayOf{}", variant_name(inner, info)),
        TypeRef::Map(inner) => format!("MapOf{}", variant_name(inner, info)),
        TypeRef::String => "String".into(),
        TypeRef::Integer => "Integer".into(),
        TypeRef::Float => "Float".into(),
        TypeRef::Number => "Number".into(),
        TypeRef::Boolean => "Boolean".into(),
        TypeRef::Date => "Date".into(),
        TypeRef::DateTime => "DateTime".into(),
        TypeRef::Any => "Any".into(),
    }
}
