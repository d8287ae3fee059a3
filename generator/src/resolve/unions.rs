//! Unions: which model holds each one, what its variants are called, and the order
//! in which deserialization tries them.

use heck::ToUpperCamelCase;

use super::boxing::Targets;
use super::{link_stem, Resolver, Site};
use crate::diag::Diagnostic;
use crate::ir::{self, Model, ModelKind, TypeRef, Variant};
use crate::lower::Body;
use crate::naming::{self, Scope};

impl Resolver {
    /// The id of the model for a union: the fieldless doc its link names, or else a
    /// model named after the owner and the field (`SAMLConnectionsData`).
    /// With its position, which the model's variants' targets are recorded at.
    pub(super) fn union_model(
        &mut self,
        types: Vec<(TypeRef, Option<super::boxing::Target>)>,
        link: Option<&str>,
        site: &Site<'_>,
    ) -> Option<(ir::ModelId, usize)> {
        let (types, targets): (Vec<TypeRef>, Vec<Option<super::boxing::Target>>) = types.into_iter().unzip();
        let variants: Vec<Variant> =
            types.into_iter().map(|ty| Variant { rust_name: String::new(), ty, boxed: false, degraded: false }).collect();
        let index = match self.union_doc(link, site.owner) {
            Some(i) => i,
            None => self.synthesized_union(site),
        };
        let model = &mut self.models[index];
        match &model.kind {
            ModelKind::Open { .. } => {
                model.kind = ModelKind::Union { variants };
                self.set_targets(index, targets);
            }
            ModelKind::Union { variants: existing } if same_types(existing, &variants) => {}
            _ => {
                let msg = format!(
                    "union `{}` is declared here with other member types than before; {}",
                    model.rust_name,
                    super::FALLEN_BACK
                );
                self.warnings.push(Diagnostic::warning(super::UNRESOLVED, msg).at(site.loc.clone()));
                return None;
            }
        }
        Some((self.models[index].id.clone(), index))
    }

    fn union_doc(&self, link: Option<&str>, owner: usize) -> Option<usize> {
        let stem = link_stem(link?)?;
        let empty: Vec<usize> = self
            .by_stem
            .get(&stem)?
            .as_slice()
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
        // `merge::made_by_resolving` knows these words: keep them in step.
        let docs = format!("One of several types: the `{}` field of [`{}`].", site.field, owner.rust_name);
        let rust_name = self.claim_type_name(&module, name);
        self.push_model(Model {
            id: ir::model_id(&module, &rust_name),
            title: rust_name.clone(),
            rust_name,
            module,
            source: site.loc.clone(),
            docs: Some(docs),
            deprecated: None,
            kind: ModelKind::Open { any: false },
            from: Vec::new(),
        })
    }
}

fn same_types(a: &[Variant], b: &[Variant]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.ty == y.ty)
}

/// Names each union's variants and sorts them most specific first: structs with
/// more required fields before those with fewer, then enums, then scalars, with
/// strings, maps and untyped values last since they accept the most.
pub(super) fn order_variants(models: &mut [Model], targets: &Targets) {
    // Each union's new order and names, worked out from the models they name,
    // then applied.
    let plans: Vec<(usize, Vec<usize>, Vec<String>)> = models
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let ModelKind::Union { variants } = &m.kind else { return None };
            let target = |s: usize| targets.get(i, s).map(|t| &models[t]);
            let mut order: Vec<usize> = (0..variants.len()).collect();
            order.sort_by_key(|&s| specificity(&variants[s].ty, target(s)));
            let mut scope = Scope::with_capacity(variants.len());
            let names = order.iter().map(|&s| scope.claim(variant_name(&variants[s].ty, target(s)))).collect();
            Some((i, order, names))
        })
        .collect();
    for (i, order, names) in plans {
        let ModelKind::Union { variants } = &mut models[i].kind else { continue };
        let mut old: Vec<Option<Variant>> = std::mem::take(variants).into_iter().map(Some).collect();
        *variants = order
            .iter()
            .zip(names)
            .filter_map(|(&s, rust_name)| old[s].take().map(|v| Variant { rust_name, ..v }))
            .collect();
    }
}

/// How early deserialization tries a variant of type `ty`; `model` is the model
/// at the core of `ty`, if any.
fn specificity(ty: &TypeRef, model: Option<&Model>) -> (u8, usize, usize) {
    match ty {
        TypeRef::Model(_) => model.map_or((9, 0, 0), |m| match &m.kind {
            ModelKind::Struct { fields, .. } => {
                let required = fields.iter().filter(|f| f.required).count();
                (0, usize::MAX - required, usize::MAX - fields.len())
            }
            ModelKind::Enum { .. } => (1, 0, 0),
            ModelKind::Union { .. } => (2, 0, 0),
            ModelKind::Open { .. } => (8, 0, 0),
        }),
        TypeRef::Nullable(inner) => specificity(inner, model),
        TypeRef::Integer => (3, 0, 0),
        TypeRef::Boolean => (3, 1, 0),
        TypeRef::Float | TypeRef::Number => (4, 0, 0),
        TypeRef::Array(_) => (5, 0, 0),
        TypeRef::Date | TypeRef::DateTime => (6, 0, 0),
        TypeRef::String => (6, 1, 0),
        TypeRef::Map(_) => (7, 0, 0),
        TypeRef::Binary => (6, 2, 0),
        TypeRef::Any => (9, 1, 0),
    }
}

fn variant_name(ty: &TypeRef, model: Option<&Model>) -> String {
    match ty {
        TypeRef::Model(_) => model.map_or_else(|| "Model".to_string(), |m| m.rust_name.clone()),
        TypeRef::Nullable(inner) => variant_name(inner, model),
        TypeRef::Array(inner) => format!("ArrayOf{}", variant_name(inner, model)),
        TypeRef::Map(inner) => format!("MapOf{}", variant_name(inner, model)),
        TypeRef::String => "String".into(),
        TypeRef::Integer => "Integer".into(),
        TypeRef::Float => "Float".into(),
        TypeRef::Number => "Number".into(),
        TypeRef::Boolean => "Boolean".into(),
        TypeRef::Date => "Date".into(),
        TypeRef::DateTime => "DateTime".into(),
        TypeRef::Any => "Any".into(),
        TypeRef::Binary => "Bytes".into(),
    }
}
