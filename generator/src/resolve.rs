//! Stage 4: names across docs. Links in real trees are often stale, so a type is
//! found by its name first, with its namespace, its link and the referring doc's
//! folder as tie-breakers. Unions get a model of their own, recursion gets a `Box`,
//! and every semantic error is reported here with the location it came from.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Loc};
use crate::dialect::TypeExpr;
use crate::ir::{self, Documented, EnumValue, Field, Ir, Model, ModelKind, Omitted, Rest, TypeRef, UnknownKeys, Variant};
use crate::lower::{Body, Draft, DraftField, DraftMember};
use crate::naming::{self, Scope};

mod boxing;
mod open;
mod unions;

/// The resolved IR and the warnings found on the way.
pub struct Resolved {
    pub ir: Ir,
    pub warnings: Vec<Diagnostic>,
}

pub fn resolve(drafts: Vec<Draft>, dialect: &str, docs: usize) -> Result<Resolved, Vec<Diagnostic>> {
    resolve_with(drafts, dialect, docs, UnknownKeys::Keep)
}

/// [`resolve`], with what structs do with the keys their docs do not list.
pub fn resolve_with(drafts: Vec<Draft>, dialect: &str, docs: usize, unknown_keys: UnknownKeys) -> Result<Resolved, Vec<Diagnostic>> {
    let (drafts, mut duplicates) = drop_duplicates(drafts);
    duplicates.extend(case_clashes(&drafts));
    let mut r = Resolver::new(drafts);
    r.unknown_keys = unknown_keys;
    r.warnings = duplicates;
    r.name_models();
    if r.errors.is_empty() {
        r.fill_models();
    }
    if !r.errors.is_empty() {
        return Err(r.errors);
    }
    let mut models = r.models;
    let mut targets = std::mem::take(&mut r.targets);
    targets.resize(models.len(), Vec::new());
    let targets = boxing::Targets(targets);
    debug_assert!(targets == boxing::Targets::of(&models), "the targets found while resolving are not the models' own");
    let endless = boxing::union_cycles(&models, &targets);
    if !endless.is_empty() {
        return Err(endless);
    }
    let mut warnings = r.warnings;
    warnings.extend(boxing::endless_structs(&models, &targets));
    // Boxing before ordering: `targets` follows the variants' order as written.
    boxing::box_recursion(&mut models, &targets);
    unions::order_variants(&mut models, &targets);
    models.sort_by(|a, b| a.id.cmp(&b.id));
    let modules = r.scopes.keys().cloned().collect();
    // What is left of the drafts was made on other threads, and freeing it here
    // is slow (mimalloc hands each block back to its thread): the idle core
    // frees it, in batches as resolving goes (so that the memory is free again
    // before the code is printed), and the rest now.
    let leftovers = (std::mem::take(&mut r.drafts), std::mem::take(&mut r.leftovers));
    rayon::spawn(move || drop(leftovers));
    let ir = Ir { ir_version: ir::IR_VERSION, dialect: dialect.to_string(), docs, modules, models };
    Ok(Resolved { ir, warnings })
}

/// After the models changed since resolving (a merge may take union members
/// and types from another tree): boxes recursion anew and orders each union's
/// variants, as resolving does. Errors (E0044) where unions now contain one
/// another; else the W0009 warnings, which replace those of resolving.
pub fn settle(models: &mut [Model]) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let targets = boxing::Targets::of(models);
    let endless = boxing::union_cycles(models, &targets);
    if !endless.is_empty() {
        return Err(endless);
    }
    let warnings = boxing::endless_structs(models, &targets);
    for m in models.iter_mut() {
        match &mut m.kind {
            ModelKind::Struct { fields, .. } => fields.iter_mut().for_each(|f| f.boxed = false),
            ModelKind::Union { variants } => variants.iter_mut().for_each(|v| v.boxed = false),
            _ => {}
        }
    }
    boxing::box_recursion(models, &targets);
    unions::order_variants(models, &targets);
    Ok(warnings)
}

struct Resolver {
    drafts: Vec<Draft>,
    /// Module of each draft, by index.
    modules: Vec<String>,
    /// Models by index: `models[i]` comes from `drafts[i]` for `i < drafts.len()`;
    /// unions named after their field follow.
    models: Vec<Model>,
    by_title: HashMap<String, Docs>,
    by_stem: HashMap<String, Docs>,
    /// Models by id: the first doc to take an id, and the models added after.
    by_id: HashMap<ir::ModelId, usize>,
    /// Type names taken in each module.
    scopes: BTreeMap<String, Scope>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    /// Nearest-title helps still to give (see [`MAX_SUGGESTIONS`]).
    suggestions: usize,
    /// The parts of draft fields the IR does not keep, freed after resolving.
    leftovers: Vec<(String, TypeExpr, String)>,
    /// By model position: for each field or variant, the position of the model at
    /// the core of its type (see [`boxing::Targets`]).
    targets: Vec<Vec<Option<boxing::Target>>>,
    /// Types (or parts of types) that fell back to any JSON value so far: a field
    /// whose type adds to it is degraded.
    fallbacks: usize,
    unknown_keys: UnknownKeys,
}

/// Where a type expression sits, for naming unions and for messages.
struct Site<'a> {
    owner: usize,
    field: &'a str,
    loc: &'a Loc,
}

impl Resolver {
    fn new(drafts: Vec<Draft>) -> Self {
        let modules = modules(&drafts);
        let mut by_title: HashMap<String, Docs> = HashMap::with_capacity(drafts.len());
        let mut by_stem: HashMap<String, Docs> = HashMap::with_capacity(drafts.len());
        for (i, d) in drafts.iter().enumerate() {
            by_title.entry(d.title.clone()).and_modify(|docs| docs.push(i)).or_insert(Docs::One([i]));
            by_stem.entry(d.stem.clone()).and_modify(|docs| docs.push(i)).or_insert(Docs::One([i]));
        }
        Resolver {
            drafts,
            modules,
            models: Vec::new(),
            by_title,
            by_stem,
            by_id: HashMap::new(),
            scopes: BTreeMap::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
            suggestions: MAX_SUGGESTIONS,
            leftovers: Vec::new(),
            targets: Vec::new(),
            unknown_keys: UnknownKeys::Keep,
            fallbacks: 0,
        }
    }

    /// Gives every doc its Rust name; two docs with one name in one module is an error.
    fn name_models(&mut self) {
        // A taken id names the model that took it; that model's title and place
        // are read back only for the error, so they are not copied for every doc.
        self.by_id.reserve(self.drafts.len());
        for i in 0..self.drafts.len() {
            let module = self.modules[i].clone();
            let d = &self.drafts[i];
            let rust_name = naming::type_name(&d.title);
            let id = ir::model_id(&module, &rust_name);
            if let Some(&prev) = self.by_id.get(&id) {
                let prev = &self.models[prev];
                let msg = if prev.title == d.title {
                    format!("two docs are titled `{}` in module `{module}`", d.title)
                } else {
                    format!("titles `{}` and `{}` both become the Rust name `{rust_name}` in module `{module}`", d.title, prev.title)
                };
                self.errors.push(
                    Diagnostic::error("E0030", msg)
                        .at(d.title_loc.clone())
                        .note(format!("`{}` is titled", prev.title), prev.source.clone())
                        .help("rename one title, or move one doc to another folder"),
                );
                continue;
            }
            self.claim_type_name(&module, rust_name.clone());
            let d = &mut self.drafts[i];
            let model = Model {
                id,
                title: d.title.clone(),
                rust_name,
                module,
                source: d.title_loc.clone(),
                // Nothing reads a draft's docs after this.
                docs: d.docs.take(),
                deprecated: d.deprecated.take(),
                // Filled in by `fill_models`.
                kind: ModelKind::Open { any: false },
                from: std::mem::take(&mut d.from),
            };
            self.push_model(model);
        }
    }

    /// Takes a type name in `module`, numbered when taken (see [`Scope::claim`]).
    fn claim_type_name(&mut self, module: &str, name: String) -> String {
        // The module's scope is looked up by reference: a key is cloned only the first time.
        match self.scopes.get_mut(module) {
            Some(scope) => scope.claim(name),
            None => self.scopes.entry(module.to_string()).or_default().claim(name),
        }
    }

    /// Adds a model, findable by its id; returns its position.
    fn push_model(&mut self, model: Model) -> usize {
        let index = self.models.len();
        self.by_id.insert(model.id.clone(), index);
        self.models.push(model);
        index
    }

    fn fill_models(&mut self) {
        // Unions first: a field may declare one inline that must match its doc.
        for i in 0..self.drafts.len() {
            if let Body::Union(members) = &self.drafts[i].body {
                let members = members.clone();
                self.union_kind(i, &members);
            }
        }
        // Fields and values move into the model; the body keeps its kind,
        // which naming unions asks for. An enum needs nothing from other
        // models: the enums are made on the other cores while the structs
        // are filled here, and the warnings of both are then put in doc order.
        let values: Vec<(usize, String, Vec<crate::lower::DraftValue>)> = (self.drafts.iter_mut().enumerate())
            .filter_map(|(i, d)| match &mut d.body {
                Body::Enum(values) => Some((i, d.title.clone(), std::mem::take(values))),
                _ => None,
            })
            .collect();
        let (enums, mut by_doc) = rayon::join(
            || values.into_par_iter().map(|(i, title, values)| (i, enum_kind(&title, values))).collect::<Vec<_>>(),
            || self.fill_structs(),
        );
        // Each doc's warnings, in doc order.
        for (i, (kind, warnings)) in enums {
            self.models[i].kind = kind;
            by_doc.push((i, warnings));
        }
        by_doc.sort_by_key(|&(i, _)| i);
        self.warnings.extend(by_doc.into_iter().flat_map(|(_, w)| w));
        self.bodiless_models();
    }

    /// Fills every struct, in doc order: each one's doc index, with the
    /// warnings filling it raised (taken out of `self.warnings`).
    fn fill_structs(&mut self) -> Vec<(usize, Vec<Diagnostic>)> {
        let mut filled = Vec::new();
        for i in 0..self.drafts.len() {
            let Body::Struct(fields) = &mut self.drafts[i].body else { continue };
            let fields = std::mem::take(fields);
            let before = self.warnings.len();
            self.models[i].kind = self.struct_kind(i, fields);
            filled.push((i, self.warnings.split_off(before)));
        }
        filled
    }

    /// A doc with no fields, values or members reads any JSON value, unless its
    /// docs say it is an object (see [`open::says_object`]); W0003 says which.
    fn bodiless_models(&mut self) {
        let bodiless: Vec<usize> = (0..self.drafts.len())
            .filter(|&i| matches!(self.drafts[i].body, Body::Empty) && matches!(self.models[i].kind, ModelKind::Open { .. }))
            .collect();
        if bodiless.is_empty() {
            return;
        }
        let examples = open::field_examples(&self.models, bodiless.iter().map(|&i| &self.models[i].id));
        for i in bodiless {
            let (d, m) = (&self.drafts[i], &self.models[i]);
            let object = open::says_object(d.example_is_object, m.docs.as_deref(), examples.get(&m.id));
            self.models[i].kind = ModelKind::Open { any: !object };
            let msg = match object {
                true => format!("`{}` has no fields: its docs say it is an object, and it keeps any JSON object as is", d.title),
                false => format!("`{}` has no fields and its docs do not say it is an object: it keeps any JSON value as is", d.title),
            };
            self.warnings.push(Diagnostic::warning("W0003", msg).at(d.title_loc.clone()));
        }
    }

    fn struct_kind(&mut self, owner: usize, drafts: Vec<DraftField>) -> ModelKind {
        let mut scope = Scope::with_capacity(drafts.len());
        let mut fields = Vec::with_capacity(drafts.len());
        let mut omitted = Vec::new();
        let repeats = repeats(&drafts);
        let firsts: HashMap<usize, Loc> = repeats.iter().flatten().map(|&i| (i, drafts[i].loc.clone())).collect();
        let mut targets = Vec::with_capacity(drafts.len());
        let mut rest = None;
        for (f, repeat) in drafts.into_iter().zip(repeats) {
            if let Some(first) = repeat {
                let title = &self.drafts[owner].title;
                let msg = format!("`{title}` lists the field `{}` twice: the first is kept", f.wire_name);
                let first = firsts.get(&first).cloned().unwrap_or_default();
                let d = Diagnostic::warning(REPEATED, msg).at(f.loc).note("first listed", first);
                self.warnings.push(d.help("a JSON object has each key once: remove or rename one row"));
                continue;
            }
            if let Some(sdk_type) = external(&f.ty) {
                let reason = "a type of the source SDK's transport layer, not API data".to_string();
                let msg = format!("field `{}` ({sdk_type}) is left out: {reason}", f.wire_name);
                self.warnings.push(Diagnostic::warning("W0002", msg).at(f.loc));
                omitted.push(Omitted { wire_name: f.wire_name, sdk_type: f.type_text, reason });
                continue;
            }
            if f.rest_holder && rest.is_none() {
                rest = Some(self.documented_rest(owner, f));
                continue;
            }
            let site = Site { owner, field: &f.wire_name, loc: &f.type_loc };
            let before = self.fallbacks;
            let (ty, target) = self.type_ref(&f.ty, &site);
            let degraded = f.degraded || self.fallbacks > before;
            targets.push(target);
            let rust_name = scope.claim(naming::field_name(&f.wire_name));
            self.leftovers.push((f.printed_name, f.ty, f.type_text));
            if self.leftovers.len() == LEFTOVERS {
                let batch = std::mem::replace(&mut self.leftovers, Vec::with_capacity(LEFTOVERS));
                rayon::spawn(move || drop(batch));
            }
            fields.push(Field {
                wire_name: f.wire_name,
                wire_name_inferred: f.wire_name_inferred,
                rust_name,
                ty,
                required: f.required,
                nullable: f.nullable,
                docs: f.docs,
                deprecated: f.deprecated,
                example: f.example,
                boxed: false,
                degraded,
                source: f.loc,
                from: f.from,
            });
        }
        self.set_targets(owner, targets);
        if rest.is_none() && self.unknown_keys == UnknownKeys::Keep {
            rest = Some(Rest { rust_name: String::new(), value: TypeRef::Any, documented: None });
        }
        // Named last: a documented field keeps its name.
        if let Some(rest) = &mut rest {
            rest.rust_name = scope.claim(REST_FIELD.to_string());
        }
        ModelKind::Struct { fields, omitted, rest }
    }

    /// The struct's field for its undocumented keys, typed as the docs' holder
    /// types its values (its map type's value type).
    fn documented_rest(&mut self, owner: usize, f: DraftField) -> Rest {
        let site = Site { owner, field: &f.wire_name, loc: &f.type_loc };
        let (ty, _) = self.type_ref(&f.ty, &site);
        let value = match ty {
            TypeRef::Map(value) => *value,
            // The draft's type was a map: resolving keeps it one.
            _ => TypeRef::Any,
        };
        let documented = Documented { printed_name: f.printed_name, docs: f.docs, source: f.loc };
        Rest { rust_name: String::new(), value, documented: Some(documented) }
    }

    /// Records the models at the core of the types of `model`'s fields or variants.
    fn set_targets(&mut self, model: usize, targets: Vec<Option<boxing::Target>>) {
        if self.targets.len() <= model {
            self.targets.resize(model + 1, Vec::new());
        }
        self.targets[model] = targets;
    }

    fn union_kind(&mut self, owner: usize, members: &[DraftMember]) {
        let (mut variants, mut targets) = (Vec::new(), Vec::new());
        for m in members {
            let site = Site { owner, field: "", loc: &m.loc };
            if let TypeExpr::Named { namespace, name, link } = &m.ty {
                if self.candidates(namespace, name, link.as_deref(), owner).is_empty() {
                    let (id, target) = self.undocumented_member(name, &site);
                    variants.push(Variant { rust_name: String::new(), ty: TypeRef::Model(id), boxed: false, degraded: false });
                    targets.push(Some(boxing::Target { model: target, inline: true }));
                    continue;
                }
            }
            let before = self.fallbacks;
            let (ty, target) = self.type_ref(&m.ty, &site);
            let degraded = m.degraded || self.fallbacks > before;
            variants.push(Variant { rust_name: String::new(), ty, boxed: false, degraded });
            targets.push(target);
        }
        self.models[owner].kind = ModelKind::Union { variants };
        self.set_targets(owner, targets);
    }

    /// A union member that no doc describes (some SDKs document a union's
    /// members only by name): an open model that keeps any object, with a warning.
    fn undocumented_member(&mut self, name: &str, site: &Site<'_>) -> (ir::ModelId, usize) {
        let module = self.models[site.owner].module.clone();
        let rust_name = naming::type_name(name);
        let id = ir::model_id(&module, &rust_name);
        if let Some(&known) = self.by_id.get(&id) {
            return (id, known);
        }
        let rust_name = self.claim_type_name(&module, rust_name);
        let union = &self.drafts[site.owner].title;
        let msg = format!("union `{union}` has a member `{name}` that no doc describes: it keeps any JSON value");
        self.warnings.push(Diagnostic::warning("W0006", msg).at(site.loc.clone()));
        // `merge::made_by_resolving` knows these words: keep them in step.
        let docs = format!("A member of [`{}`] that the docs name but do not describe.", self.models[site.owner].rust_name);
        let index = self.push_model(Model {
            id: ir::model_id(&module, &rust_name),
            title: name.to_string(),
            rust_name,
            module,
            source: site.loc.clone(),
            docs: Some(docs),
            deprecated: None,
            // Nothing says what it is.
            kind: ModelKind::Open { any: true },
            from: Vec::new(),
        });
        (self.models[index].id.clone(), index)
    }

    /// The type `ty` stands for, and the position of the model at its core (through
    /// `null`, arrays and maps), which the searches after resolving read.
    /// A name no doc has, or that several docs share, falls back to any JSON
    /// value with a warning (W0011), as does a type of the SDK inside another.
    fn type_ref(&mut self, ty: &TypeExpr, site: &Site<'_>) -> (TypeRef, Option<boxing::Target>) {
        let wrap = |(inner, target): (TypeRef, Option<boxing::Target>), make: fn(Box<TypeRef>) -> TypeRef| (make(Box::new(inner)), target);
        // A `Vec` or map holds its models on the heap, whatever is inside it.
        let behind = |(inner, target): (TypeRef, Option<boxing::Target>), make: fn(Box<TypeRef>) -> TypeRef| {
            (make(Box::new(inner)), target.map(|t| boxing::Target { inline: false, ..t }))
        };
        match ty {
            TypeExpr::String => (TypeRef::String, None),
            TypeExpr::Integer => (TypeRef::Integer, None),
            TypeExpr::Float => (TypeRef::Float, None),
            TypeExpr::Number => (TypeRef::Number, None),
            TypeExpr::Boolean => (TypeRef::Boolean, None),
            TypeExpr::Date => (TypeRef::Date, None),
            TypeExpr::DateTime => (TypeRef::DateTime, None),
            TypeExpr::Any => (TypeRef::Any, None),
            TypeExpr::Binary => (TypeRef::Binary, None),
            TypeExpr::Nullable(inner) => wrap(self.type_ref(inner, site), TypeRef::Nullable),
            // Inside a container, "may be missing" can only mean `null`.
            TypeExpr::Optional(inner) => wrap(self.type_ref(inner, site), TypeRef::Nullable),
            TypeExpr::Array(inner) => behind(self.type_ref(inner, site), TypeRef::Array),
            TypeExpr::Map(inner) => behind(self.type_ref(inner, site), TypeRef::Map),
            TypeExpr::Named { namespace, name, link } => match self.lookup(namespace, name, link.as_deref(), site) {
                Some(target) => {
                    (TypeRef::Model(self.models[target].id.clone()), Some(boxing::Target { model: target, inline: true }))
                }
                None => self.fallback(),
            },
            TypeExpr::Union { members, link } => {
                // A union directly inside another is one list of alternatives; any
                // other union inside it is named after the field plus `Member`.
                let mut flat = Vec::new();
                flatten_union(members, &mut flat);
                let field = format!("{}_member", site.field);
                let inner = Site { owner: site.owner, field: &field, loc: site.loc };
                let mut variants = Vec::new();
                for m in flat {
                    variants.push(self.type_ref(m, &inner));
                }
                match self.union_model(variants, link.as_deref(), site) {
                    Some((id, target)) => (TypeRef::Model(id), Some(boxing::Target { model: target, inline: true })),
                    None => self.fallback(),
                }
            }
            TypeExpr::External(name) => {
                let msg = format!(
                    "`{name}` is a type of the source SDK, not API data, inside another type; {FALLEN_BACK}"
                );
                self.warnings.push(Diagnostic::warning(UNRESOLVED, msg).at(site.loc.clone()));
                self.fallback()
            }
        }
    }

    /// Any JSON value, in place of a type that could not be resolved (the
    /// warning is the caller's).
    fn fallback(&mut self) -> (TypeRef, Option<boxing::Target>) {
        self.fallbacks += 1;
        (TypeRef::Any, None)
    }

    /// The docs a type name may refer to: by title, then file stem, then the
    /// link's stem, narrowed by the tie-breakers when several match.
    fn candidates(&self, namespace: &[String], name: &str, link: Option<&str>, owner: usize) -> Cow<'_, [usize]> {
        let mut candidates = listed(self.by_title.get(name));
        if candidates.is_empty() {
            candidates = listed(self.by_stem.get(&name.to_lowercase()));
        }
        if candidates.is_empty() {
            if let Some(stem) = link.and_then(link_stem) {
                candidates = listed(self.by_stem.get(&stem));
            }
        }
        match candidates.len() {
            0 | 1 => Cow::Borrowed(candidates),
            _ => Cow::Owned(self.narrow(candidates.to_vec(), namespace, link, owner)),
        }
    }

    /// The doc a type name refers to.
    fn lookup(&mut self, namespace: &[String], name: &str, link: Option<&str>, site: &Site<'_>) -> Option<usize> {
        let candidates = self.candidates(namespace, name, link, site.owner);
        if let [one] = candidates[..] {
            return Some(one);
        }
        let candidates = candidates.into_owned();
        match candidates[..] {
            [one] => Some(one),
            [] => {
                let mut msg = format!("unknown type `{name}`: no doc has this title");
                if let (Some(link), Some(stem)) = (link, link.and_then(link_stem)) {
                    if !self.by_stem.contains_key(&stem) {
                        msg.push_str(&format!(", and its link `{link}` names no doc"));
                    }
                }
                msg.push_str(&format!("; {FALLEN_BACK}"));
                let mut d = Diagnostic::warning(UNRESOLVED, msg).at(site.loc.clone());
                if let Some(near) = self.nearest_title(name) {
                    d = d.help(format!("a doc is titled `{near}`"));
                }
                self.warnings.push(d);
                None
            }
            _ => {
                let msg = format!("type `{name}` is ambiguous: {} docs have this title; {FALLEN_BACK}", candidates.len());
                let mut d = Diagnostic::warning(UNRESOLVED, msg).at(site.loc.clone());
                for &i in &candidates {
                    d = d.note(format!("`{}` is titled", self.drafts[i].title), self.drafts[i].title_loc.clone());
                }
                self.warnings.push(d.help("write the namespace (`Shared::X`) or link the doc's file"));
                None
            }
        }
    }

    /// Tie-breakers for docs that share a title: the namespace the dialect wrote,
    /// then the link's folder, then the referring doc's own folder.
    fn narrow(&self, candidates: Vec<usize>, namespace: &[String], link: Option<&str>, owner: usize) -> Vec<usize> {
        let hint = namespace.last().map(|n| n.to_lowercase());
        let link_folder = link.and_then(|l| l.rsplit('/').nth(1)).map(str::to_lowercase);
        let tests: [&dyn Fn(usize) -> bool; 3] = [
            &|i| hint.as_deref().is_some_and(|h| same_group(&self.drafts[i].folder, h)),
            &|i| link_folder.as_deref().is_some_and(|f| same_group(&self.drafts[i].folder, f)),
            &|i| self.drafts[i].folder == self.drafts[owner].folder,
        ];
        for test in tests {
            let narrowed: Vec<usize> = candidates.iter().copied().filter(|&i| test(i)).collect();
            if narrowed.len() == 1 {
                return narrowed;
            }
        }
        candidates
    }

    /// The title closest to `name` within a few edits. Only the first
    /// [`MAX_SUGGESTIONS`] unknown names of a run get one: each looks at every title.
    fn nearest_title(&mut self, name: &str) -> Option<String> {
        self.suggestions = self.suggestions.checked_sub(1)?;
        let lower: Vec<char> = name.to_lowercase().chars().collect();
        let max = 2.max(name.len() / 4);
        let mut best: Option<(usize, &String)> = None;
        for d in &self.drafts {
            let title: Vec<char> = d.title.to_lowercase().chars().collect();
            if title.len().abs_diff(lower.len()) > max {
                continue;
            }
            let limit = best.map_or(max, |(b, _)| b);
            if let Some(dist) = edit_distance_within(&lower, &title, limit) {
                if best.is_none_or(|(b, t)| (dist, &d.title) < (b, t)) {
                    best = Some((dist, &d.title));
                }
            }
        }
        best.map(|(_, t)| t.clone())
    }
}

/// The docs a map lists under a key, none when it has no entry.
fn listed(docs: Option<&Docs>) -> &[usize] {
    docs.map_or(&[], Docs::as_slice)
}

/// The docs that share a title or a stem. Most keys have one, held inline: at
/// 100k docs, reading a list from the heap cost a cache miss a lookup.
enum Docs {
    One([usize; 1]),
    Many(Vec<usize>),
}

impl Docs {
    fn push(&mut self, doc: usize) {
        match self {
            Docs::One([first]) => *self = Docs::Many(vec![*first, doc]),
            Docs::Many(docs) => docs.push(doc),
        }
    }

    fn as_slice(&self) -> &[usize] {
        match self {
            Docs::One(one) => one,
            Docs::Many(docs) => docs,
        }
    }
}

/// The warning for a field or enum value listed twice in one doc.
pub const REPEATED: &str = "W0014";

/// The Rust name of a struct's field for its undocumented keys (numbered when a
/// documented field has it).
pub const REST_FIELD: &str = "additional_properties";

/// The warning for a type whose name is not resolved: `--deny-warnings` makes it an error.
pub const UNRESOLVED: &str = "W0011";

/// What a type that cannot be resolved becomes, as warnings say it.
const FALLEN_BACK: &str = "it is read as any JSON value (`serde_json::Value`)";

/// Draft fields whose leftovers are freed at once, on another core.
const LEFTOVERS: usize = 4096;

/// How many unknown names of one run get a nearest title as help.
const MAX_SUGGESTIONS: usize = 200;

/// For each field, the one listed last before it with the same wire name, if any.
fn repeats(fields: &[DraftField]) -> Vec<Option<usize>> {
    let names: Vec<&str> = fields.iter().map(|f| f.wire_name.as_str()).collect();
    // A model has a few dozen fields at most, mostly of different lengths: the
    // earlier ones are compared directly, which costs less than sorting them.
    if names.len() <= SCAN_FIELDS {
        repeats_scanned(&names)
    } else {
        repeats_sorted(&names)
    }
}

/// Up to this many fields, [`repeats`] compares each with those before it.
const SCAN_FIELDS: usize = 32;

fn repeats_scanned(names: &[&str]) -> Vec<Option<usize>> {
    (0..names.len()).map(|i| (0..i).rev().find(|&j| names[j] == names[i])).collect()
}

fn repeats_sorted(names: &[&str]) -> Vec<Option<usize>> {
    // Sorted by name, then place: each name follows the one it repeats.
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by(|&a, &b| names[a].cmp(names[b]).then(a.cmp(&b)));
    let mut repeats = vec![None; names.len()];
    for pair in order.windows(2) {
        if names[pair[0]] == names[pair[1]] {
            repeats[pair[1]] = Some(pair[0]);
        }
    }
    repeats
}

/// Some SDKs ship one doc twice under file names that differ only in case
/// (`SAMLConnection.md`, `SamlConnection.md`). A second doc with the same title,
/// folder and contents as an earlier one adds nothing: it is dropped with a
/// warning. Docs that share a title but differ stay, for `name_models` to report.
fn drop_duplicates(drafts: Vec<Draft>) -> (Vec<Draft>, Vec<Diagnostic>) {
    // Found on borrowed keys first: the drafts move only when one is dropped,
    // which is rare, and cloning every title and folder cost more than all else here.
    let repeated = {
        let mut first: HashMap<(&str, &str), usize> = HashMap::with_capacity(drafts.len());
        let mut repeated = Vec::new();
        for (i, d) in drafts.iter().enumerate() {
            match first.entry((&d.folder, &d.title)) {
                Entry::Occupied(kept) if drafts[*kept.get()].same_contents(d) => {
                    repeated.push((i, *kept.get()));
                }
                Entry::Occupied(_) => {}
                Entry::Vacant(slot) => {
                    slot.insert(i);
                }
            }
        }
        repeated
    };
    let warnings = repeated
        .iter()
        .map(|&(i, kept)| {
            let msg = format!("`{}` repeats another doc of its folder word for word: ignored", drafts[i].title);
            Diagnostic::warning("W0004", msg).at(drafts[i].title_loc.clone()).note("the doc kept is", drafts[kept].title_loc.clone())
        })
        .collect();
    if repeated.is_empty() {
        return (drafts, warnings);
    }
    let mut dropped = repeated.iter().map(|&(i, _)| i).peekable();
    let kept = drafts
        .into_iter()
        .enumerate()
        .filter(|&(i, _)| dropped.next_if_eq(&i).is_none())
        .map(|(_, d)| d)
        .collect();
    (kept, warnings)
}

/// Doc paths that differ only in case (and are not one doc twice, which
/// [`drop_duplicates`] has dropped): a case-insensitive file system (macOS,
/// Windows) keeps one of them, so a checkout there generates something else.
fn case_clashes(drafts: &[Draft]) -> Vec<Diagnostic> {
    let mut first: HashMap<Cow<'_, str>, &str> = HashMap::with_capacity(drafts.len());
    let mut warnings = Vec::new();
    for d in drafts {
        let path = &*d.title_loc.file;
        match first.entry(lower_case(path)) {
            Entry::Occupied(other) => {
                let msg = format!("`{path}` and `{}` differ only in case: a case-insensitive file system keeps one", other.get());
                let loc = Loc { file: path.into(), line: 1, col: 1 };
                warnings.push(Diagnostic::warning("W0008", msg).at(loc).help("rename one of the files"));
            }
            Entry::Vacant(slot) => {
                slot.insert(path);
            }
        }
    }
    warnings
}

/// The module of each draft: its folder without the part all folders share.
/// A tree has a few folders, so each is named once, not once a doc.
fn modules(drafts: &[Draft]) -> Vec<String> {
    let distinct: BTreeSet<&str> = drafts.iter().map(|d| d.folder.as_str()).collect();
    let folders: Vec<Vec<&str>> = distinct.iter().map(|f| f.split('/').filter(|s| !s.is_empty()).collect()).collect();
    let common = folders.iter().skip(1).fold(folders.first().map_or(0, Vec::len), |n, f| {
        n.min(f.len()).min(folders[0].iter().zip(f).take_while(|(a, b)| a == b).count())
    });
    let named: BTreeMap<&str, String> =
        distinct.iter().zip(&folders).map(|(folder, parts)| (*folder, naming::module_name(&parts[common..].join("/")))).collect();
    drafts.iter().map(|d| named.get(d.folder.as_str()).cloned().expect("every folder was named")).collect()
}

/// `text` in lower case, borrowed when it is already (most paths are).
fn lower_case(text: &str) -> Cow<'_, str> {
    if text.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.to_lowercase())
    }
}

/// Folder names that SDK generators use for the same group of models.
fn same_group(folder: &str, hint: &str) -> bool {
    let last = folder.rsplit('/').next().unwrap_or(folder).to_lowercase();
    let canon = |s: &str| if s == "shared" { "components".to_string() } else { s.to_string() };
    canon(&last) == canon(hint)
}

fn link_stem(link: &str) -> Option<String> {
    let file = link.rsplit('/').next()?;
    let file = file.split('#').next()?;
    let stem = file.strip_suffix(".mdx").or_else(|| file.strip_suffix(".md"))?;
    (!stem.is_empty()).then(|| stem.to_lowercase())
}

fn flatten_union<'a>(members: &'a [TypeExpr], out: &mut Vec<&'a TypeExpr>) {
    for m in members {
        match m {
            TypeExpr::Union { members, link: None } => flatten_union(members, out),
            other => out.push(other),
        }
    }
}

/// The SDK type of a field that is not API data at all.
fn external(ty: &TypeExpr) -> Option<&str> {
    match ty {
        TypeExpr::External(name) => Some(name),
        TypeExpr::Nullable(inner) | TypeExpr::Optional(inner) => external(inner),
        _ => None,
    }
}

/// The edit distance of `a` and `b` if it is at most `max`: a row whose every
/// cell exceeds `max` ends the search, so unrelated names cost little.
fn edit_distance_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        let mut smallest = row[0];
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
            smallest = smallest.min(row[j + 1]);
        }
        if smallest > max {
            return None;
        }
    }
    (row[b.len()] <= max).then_some(row[b.len()])
}

/// An enum's values, each named, and a warning ([`REPEATED`]) for each value
/// listed twice; `title` names the enum in those.
fn enum_kind(title: &str, values: Vec<crate::lower::DraftValue>) -> (ModelKind, Vec<Diagnostic>) {
    // Numbers when every value is one: a table cannot quote a string of digits.
    let numbers = !values.is_empty() && values.iter().all(|v| v.number);
    // A table's numbers that no source quoted or left bare: either kind reads.
    let either = numbers && values.iter().any(|v| v.unquoted);
    let mut scope = Scope::with_capacity(values.len());
    let mut seen: HashMap<String, Loc> = HashMap::with_capacity(values.len());
    let mut warnings = Vec::new();
    let mut out = Vec::new();
    for mut v in values {
        if numbers {
            // As JSON writes the number back (`1.0`, not `1.00`): reads compare that text.
            v.wire = crate::lower::json_number(&v.wire).map_or(v.wire, |n| n.to_string());
        }
        if let Some(prev) = seen.get(&v.wire) {
            let msg = format!("enum `{title}` lists the value `{}` twice: the first is kept", v.wire);
            warnings.push(Diagnostic::warning(REPEATED, msg).at(v.loc).note("first listed", prev.clone()));
            continue;
        }
        seen.insert(v.wire.clone(), v.loc.clone());
        let name = match (&v.name, numbers) {
            (Some(name), true) => naming::variant_name(name),
            (None, true) => naming::number_variant_name(&v.wire),
            (_, false) => naming::variant_name(&v.wire),
        };
        let rust_name = scope.claim(name);
        out.push(EnumValue { wire: v.wire, rust_name, deprecated: v.deprecated, source: v.loc, from: Vec::new() });
    }
    let catch_all = scope.claim("Unknown".to_string());
    (ModelKind::Enum { values: out, catch_all, numbers, either }, warnings)
}

#[cfg(test)]
mod tests;
