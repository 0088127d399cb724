//! The one table of model fields (in the spirit of OWID's core-table column definitions).
//!
//! Every model field is declared once here: its atlas CSV column, its label, its table / URL id,
//! how it sorts, whether it is a facet, and (for numbers) its unit and its provenance columns.
//! Loading (`data::model_from_row`), the importer's atlas mapping, the export, the table's
//! columns, sorting, the `cols=` / `sort=` URL ids and the column chooser all read it.
//!
//! Adding a numeric field with provenance is one entry in [`numeric_fields!`]'s list below plus
//! the data: the value column, `<column>_confidence` and `<column>_note` in `models.csv`.

use super::{Model, Quantity};

/// How a number is written (the `format` module turns a unit into text).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// A large count: `175B`, `1.6T`.
    Count,
    /// Floating-point operations: `3.14e23`.
    Flop,
    /// A plain number with thousands separators: `1,024`, `14.8`.
    Plain,
    /// US dollars: `$4.6M`.
    Usd,
}

/// Declares the numeric fields (value + confidence + note) from one list.
macro_rules! numeric_fields {
    ($( $(#[doc = $doc:literal])* $variant:ident {
        column: $column:literal, label: $label:literal, id: $id:literal, unit: $unit:ident $(,)?
    } )*) => {
        /// A numeric model field with provenance.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum Num {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Num {
            /// Every numeric field, in display order.
            pub const ALL: &'static [Num] = &[$( Num::$variant ),*];
            /// How many there are.
            pub const COUNT: usize = Num::ALL.len();

            /// Its definition.
            pub fn def(self) -> &'static NumDef {
                match self {
                    $( Num::$variant => &NumDef {
                        column: $column,
                        label: $label,
                        id: $id,
                        unit: Unit::$unit,
                    }, )*
                }
            }
        }
    };
}

/// Declares the plain text fields from one list.
macro_rules! text_fields {
    ($( $(#[doc = $doc:literal])* $variant:ident {
        column: $column:literal, label: $label:literal, id: $id:expr, facet: $facet:expr $(,)?
    } )*) => {
        /// A plain text model field.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum Text {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Text {
            /// Every text field, in display order.
            pub const ALL: &'static [Text] = &[$( Text::$variant ),*];
            /// How many there are.
            pub const COUNT: usize = Text::ALL.len();

            /// Its definition.
            pub fn def(self) -> &'static TextDef {
                match self {
                    $( Text::$variant => &TextDef {
                        column: $column,
                        label: $label,
                        id: $id,
                        facet: $facet,
                    }, )*
                }
            }
        }
    };
}

/// The definition of a numeric field.
#[derive(Debug, PartialEq, Eq)]
pub struct NumDef {
    /// The value's column in the atlas CSV; its provenance is in `<column>_confidence` and
    /// `<column>_note`.
    pub column: &'static str,
    /// The table header and chooser label.
    pub label: &'static str,
    /// The table column's id in URLs (`sort=-parameters`, `cols=parameters`).
    pub id: &'static str,
    /// How values are written.
    pub unit: Unit,
}

impl NumDef {
    /// The confidence column: `parameters_confidence`.
    pub fn confidence_column(&self) -> String {
        format!("{}_confidence", self.column)
    }

    /// The note column: `parameters_note`.
    pub fn note_column(&self) -> String {
        format!("{}_note", self.column)
    }
}

/// The definition of a text field.
#[derive(Debug, PartialEq, Eq)]
pub struct TextDef {
    /// Its column in the atlas CSV.
    pub column: &'static str,
    /// The table header and chooser label.
    pub label: &'static str,
    /// The table column's id in URLs, if it is a table column.
    pub id: Option<&'static str>,
    /// The facet's URL parameter, if the table can filter by it.
    pub facet: Option<&'static str>,
}

numeric_fields! {
    /// Total parameters.
    Parameters { column: "parameters", label: "Parameters", id: "parameters", unit: Count }
    /// Parameters active per token (mixture-of-experts models).
    ActiveParameters { column: "active_parameters", label: "Active params", id: "active", unit: Count }
    /// Tokens seen in training (tokens only; other units are in [`Num::TrainingDataSize`]).
    TrainingTokens { column: "training_tokens", label: "Training tokens", id: "tokens", unit: Count }
    /// The training dataset's size in its own unit ([`Text::TrainingDataUnit`]).
    TrainingDataSize { column: "training_data_size", label: "Data size", id: "datasize", unit: Count }
    /// Training compute, FLOP.
    TrainingCompute { column: "training_compute_flop", label: "Training compute", id: "compute", unit: Flop }
    /// Number of training chips.
    HardwareCount { column: "hardware_count", label: "Chips", id: "chips", unit: Plain }
    /// Training duration, days.
    TrainingDays { column: "training_days", label: "Training days", id: "days", unit: Plain }
    /// Accelerator-hours of the final training run.
    ChipHours { column: "chip_hours", label: "Chip-hours", id: "chiphours", unit: Count }
    /// Training energy, MWh.
    TrainingEnergy { column: "training_energy_mwh", label: "Energy (MWh)", id: "energy", unit: Plain }
    /// Training emissions, tonnes CO2-equivalent (basis in [`Text::Co2eBasis`]).
    TrainingCo2e { column: "training_co2e_t", label: "CO₂e (t)", id: "co2e", unit: Plain }
    /// Training cost, US dollars (basis in [`Text::CostBasis`], dollars of [`Text::CostYear`]).
    TrainingCost { column: "training_cost_usd", label: "Training cost", id: "cost", unit: Usd }
}

text_fields! {
    /// One of `vocab::DOMAINS` in the curated data.
    Domain { column: "domain", label: "Domain", id: Some("domain"), facet: Some("domain") }
    /// One of `vocab::ARCHITECTURES` in the curated data.
    Architecture { column: "architecture", label: "Architecture", id: Some("arch"), facet: Some("arch") }
    /// The training data, in words.
    TrainingDataset { column: "training_dataset", label: "Training data", id: Some("dataset"), facet: None }
    /// The unit of [`Num::TrainingDataSize`] (one of `vocab::DATA_UNITS` in the curated data).
    TrainingDataUnit { column: "training_data_unit", label: "Data unit", id: Some("dataunit"), facet: None }
    /// Training hardware, in words.
    Hardware { column: "hardware", label: "Hardware", id: Some("hardware"), facet: None }
    /// Access at release, one of `vocab::ACCESS`.
    Access { column: "access", label: "Access", id: Some("access"), facet: Some("access") }
    /// Access now, one of `vocab::ACCESS`.
    AccessNow { column: "access_now", label: "Access now", id: Some("accessnow"), facet: None }
    /// Whether the weights can be had, one of `vocab::WEIGHTS`.
    Weights { column: "weights", label: "Weights", id: Some("weights"), facet: None }
    /// Licence.
    License { column: "license", label: "Licence", id: Some("license"), facet: None }
    /// What [`Num::TrainingCo2e`] counts, one of `vocab::CO2E_BASES`.
    Co2eBasis { column: "co2e_basis", label: "CO₂e basis", id: Some("co2ebasis"), facet: None }
    /// How [`Num::TrainingCost`] was reckoned, one of `vocab::COST_BASES`.
    CostBasis { column: "cost_basis", label: "Cost basis", id: Some("costbasis"), facet: None }
    /// The year of the dollars of [`Num::TrainingCost`].
    CostYear { column: "cost_year", label: "Cost year", id: Some("costyear"), facet: None }
    /// One or two sentences.
    Description { column: "description", label: "Description", id: None, facet: None }
    /// The primary source.
    SourceUrl { column: "source_url", label: "Source", id: None, facet: None }
    /// The model's name in Epoch AI's notable-models data, if it is there.
    EpochName { column: "epoch_name", label: "Name in Epoch AI's data", id: None, facet: None }
    /// Why the date was chosen where sources differ.
    DateNote { column: "date_note", label: "Date note", id: None, facet: None }
}

/// A model's numeric fields, indexed by [`Num`].
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Nums([Quantity; Num::COUNT]);

impl Default for Nums {
    fn default() -> Self {
        Nums(std::array::from_fn(|_| Quantity::unknown()))
    }
}

impl Nums {
    /// The field's quantity.
    pub fn get(&self, n: Num) -> &Quantity {
        // `Num` discriminants are 0..COUNT, the array's length.
        &self.0[n as usize]
    }

    /// The field's quantity, to change.
    pub fn get_mut(&mut self, n: Num) -> &mut Quantity {
        &mut self.0[n as usize]
    }
}

/// A model's text fields, indexed by [`Text`].
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Texts([String; Text::COUNT]);

impl Texts {
    /// The field's text.
    pub fn get(&self, t: Text) -> &str {
        // `Text` discriminants are 0..COUNT, the array's length.
        &self.0[t as usize]
    }

    /// The field's text, to change.
    pub fn get_mut(&mut self, t: Text) -> &mut String {
        &mut self.0[t as usize]
    }
}

/// A table column (and sort key): a model field as the table shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    /// Model name.
    Name,
    /// Organizations (names).
    Organizations,
    /// Type of the lead organization.
    OrgType,
    /// Country of the lead organization.
    Country,
    /// Publication date.
    Date,
    /// Tasks (sorts by how many).
    Tasks,
    /// A numeric field.
    Num(Num),
    /// A text field.
    Text(Text),
}

/// How a column sorts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKind {
    /// By folded text.
    Text,
    /// By number.
    Number,
}

impl Column {
    /// The model name column.
    pub const NAME: Column = Column::Name;
    /// The parameters column.
    pub const PARAMETERS: Column = Column::Num(Num::Parameters);
    /// The training compute column.
    pub const COMPUTE: Column = Column::Num(Num::TrainingCompute);
    /// The domain column.
    pub const DOMAIN: Column = Column::Text(Text::Domain);
    /// The access column.
    pub const ACCESS: Column = Column::Text(Text::Access);

    /// Every column, in the chooser's order: the model's identity, its numbers, its words.
    pub fn all() -> impl Iterator<Item = Column> {
        let ident = [
            Column::Name,
            Column::Organizations,
            Column::OrgType,
            Column::Country,
            Column::Date,
            Column::Text(Text::Domain),
            Column::Tasks,
            Column::Text(Text::Architecture),
        ];
        ident
            .into_iter()
            .chain(Num::ALL.iter().map(|&n| Column::Num(n)))
            .chain(
                Text::ALL
                    .iter()
                    .filter(|t| !matches!(t, Text::Domain | Text::Architecture))
                    .filter(|t| t.def().id.is_some())
                    .map(|&t| Column::Text(t)),
            )
    }

    /// The columns shown when the URL names none.
    pub const DEFAULT: [Column; 8] = [
        Column::Name,
        Column::Organizations,
        Column::Country,
        Column::Date,
        Column::Text(Text::Domain),
        Column::Num(Num::Parameters),
        Column::Num(Num::TrainingCompute),
        Column::Text(Text::Access),
    ];

    /// The id used in URLs (`sort=-parameters`, `cols=name,parameters`).
    pub fn id(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Organizations => "org",
            Column::OrgType => "orgtype",
            Column::Country => "country",
            Column::Date => "date",
            Column::Tasks => "tasks",
            Column::Num(n) => n.def().id,
            Column::Text(t) => t.def().id.unwrap_or(t.def().column),
        }
    }

    /// The header text.
    pub fn label(self) -> &'static str {
        match self {
            Column::Name => "Model",
            Column::Organizations => "Organization",
            Column::OrgType => "Org. type",
            Column::Country => "Country",
            Column::Date => "Date",
            Column::Tasks => "Tasks",
            Column::Num(n) => n.def().label,
            Column::Text(t) => t.def().label,
        }
    }

    /// The column with this URL id.
    pub fn from_id(id: &str) -> Option<Column> {
        Column::all().find(|c| c.id() == id)
    }

    /// How it sorts (tasks sort by their count).
    pub fn sort_kind(self) -> SortKind {
        match self {
            Column::Date | Column::Tasks | Column::Num(_) => SortKind::Number,
            _ => SortKind::Text,
        }
    }

    /// Whether the column holds numbers (right-aligned).
    pub fn is_numeric(self) -> bool {
        matches!(self, Column::Date | Column::Num(_))
    }

    /// The atlas-schema columns an export of this table column writes, in order.
    pub fn export_columns(self) -> Vec<String> {
        let s = |v: &[&str]| v.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
        match self {
            Column::Name => s(&["name"]),
            Column::Organizations => s(&["organizations", "organization_names"]),
            Column::OrgType => s(&["organizations", "organization_names", "org_type"]),
            Column::Country => s(&["organizations", "organization_names", "country"]),
            Column::Date => s(&["date", "date_precision", "date_note"]),
            Column::Tasks => s(&["tasks"]),
            Column::Num(n) => {
                let d = n.def();
                let mut out = vec![d.column.to_owned(), d.confidence_column(), d.note_column()];
                // A number whose unit or basis is another field brings that field along.
                out.extend(n.companions().iter().map(|t| t.def().column.to_owned()));
                out
            }
            Column::Text(t) => vec![t.def().column.to_owned()],
        }
    }
}

impl Num {
    /// The text fields that qualify this number (its unit, basis or year).
    pub fn companions(self) -> &'static [Text] {
        match self {
            Num::TrainingDataSize => &[Text::TrainingDataUnit],
            Num::TrainingCo2e => &[Text::Co2eBasis],
            Num::TrainingCost => &[Text::CostBasis, Text::CostYear],
            _ => &[],
        }
    }
}

/// Every column of `models.csv`, in the file's order.
pub fn model_columns() -> Vec<String> {
    let mut out: Vec<String> = [
        "id",
        "name",
        "organizations",
        "date",
        "date_precision",
        "tasks",
    ]
    .iter()
    .map(|c| (*c).to_owned())
    .collect();
    for &n in Num::ALL {
        let d = n.def();
        out.extend([d.column.to_owned(), d.confidence_column(), d.note_column()]);
    }
    out.extend(Text::ALL.iter().map(|t| t.def().column.to_owned()));
    out
}

/// Every column of the atlas's own schema: `models.csv`'s columns plus the export's
/// `organization_names`, `country` and `org_type`.
pub fn atlas_columns() -> Vec<String> {
    let mut out = model_columns();
    out.extend(
        ["organization_names", "country", "org_type"]
            .iter()
            .map(|c| (*c).to_owned()),
    );
    out
}

impl Model {
    /// A numeric field's quantity.
    pub fn num(&self, n: Num) -> &Quantity {
        self.nums.get(n)
    }

    /// A numeric field's value, if known.
    pub fn value(&self, n: Num) -> Option<f64> {
        self.nums.get(n).value
    }

    /// A text field.
    pub fn text(&self, t: Text) -> &str {
        self.texts.get(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_columns_are_unique() {
        let ids: Vec<&str> = Column::all().map(Column::id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len(), "{ids:?}");
        let cols = atlas_columns();
        let mut sorted = cols.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), cols.len(), "{cols:?}");
        for c in Column::all() {
            assert_eq!(Column::from_id(c.id()), Some(c));
        }
    }

    #[test]
    fn the_schemas_facets_are_the_tables_facets() {
        for &t in Text::ALL {
            if let Some(id) = t.def().facet {
                let facet = crate::query::Facet::from_id(id).expect("a query facet");
                assert_eq!(facet.id(), id, "{t:?}");
            }
        }
    }

    #[test]
    fn every_field_is_a_column_of_its_own_kind() {
        for &n in Num::ALL {
            assert!(Column::all().any(|c| c == Column::Num(n)));
            assert!(Column::Num(n).is_numeric());
        }
        for &t in Text::ALL {
            assert_eq!(
                Column::all().any(|c| c == Column::Text(t)),
                t.def().id.is_some(),
                "{t:?}"
            );
        }
        for c in Column::all() {
            for e in c.export_columns() {
                assert!(atlas_columns().contains(&e), "{e}");
            }
        }
    }
}
