//! A small hand-made dataset for unit tests (values need not be real).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a failed assumption is a failed test.

use super::{Dataset, Sources};

/// The header of the fixtures' `models.csv` rows: the atlas's columns before the schema's
/// provenance and cost columns (a file without them loads, as older exports do).
pub const MODEL_COLUMNS: &[&str] = &[
    "id",
    "name",
    "organizations",
    "date",
    "date_precision",
    "domain",
    "tasks",
    "architecture",
    "parameters",
    "parameters_confidence",
    "parameters_note",
    "active_parameters",
    "training_tokens",
    "training_tokens_confidence",
    "training_tokens_note",
    "training_dataset",
    "training_compute_flop",
    "training_compute_flop_confidence",
    "training_compute_flop_note",
    "hardware",
    "hardware_count",
    "training_days",
    "access",
    "license",
    "description",
    "source_url",
    "epoch_name",
    "date_note",
];

/// Organizations of the fixture.
pub const ORGS: &str = "id,name,country,type,description,url
alpha,Alpha Lab,United States,AI lab,A lab.,https://alpha.example
beta,Beta Corp,China,big tech,A company.,https://beta.example
";

/// Model rows of the fixture (header added by [`models_csv`]).
pub const MODEL_ROWS: &str = "\
m-small,Small,alpha,2019-02-14,day,language,text generation,dense transformer,1.5e9,reported,,,4e10,estimated,6ND,WebText,,unknown,,,,,open weights,MIT,A small model.,https://example.org/small,,
m-big,Big,beta;alpha,2021-06-01,month,language,text generation;dialogue,mixture-of-experts,1.6e12,reported,,2e11,,unknown,,C4,3e23,estimated,Epoch AI estimate,TPU v3,1024,30,API,,A big model.,https://example.org/big,,
m-vis,Vision,alpha,2020-10-22,day,vision,image classification,vision transformer,6.3e8,reported,,,,unknown,,JFT,,unknown,,,,,closed,,Sees things. Nüwa-like accents.,https://example.org/vis,,
m-unk,Unknown Size,beta,2023-03-14,day,multimodal,text generation;visual question answering,dense transformer,,unknown,not disclosed,,,unknown,,,2e25,estimated,Epoch AI estimate (speculative),,,,API,proprietary,Undisclosed.,https://example.org/unk,,
m-mid,Mid,alpha,2020-05-28,day,language,text generation,dense transformer,1.75e11,reported,,,3e11,reported,,Mix,3.14e23,reported,,V100,,,API,,The middle one.,https://example.org/mid,,
";

/// The fixture's `models.csv` text.
pub fn models_csv() -> String {
    format!("{}\n{MODEL_ROWS}", MODEL_COLUMNS.join(","))
}

/// Empty-but-valid text for the other files.
pub const BENCH_INFO: &str = "id,name,description,higher_is_better,unit,url
lambada,LAMBADA,Last word.,yes,%,https://example.org/lambada
coco_fid,COCO FID,Image quality.,no,FID,https://example.org/fid
";

/// Benchmark results of the fixture.
pub const BENCHMARKS: &str = "model_id,benchmark,setting,value,unit,source_url,note
m-mid,lambada,zero-shot,76.2,%,https://example.org/mid,
m-big,lambada,zero-shot,80.1,%,https://example.org/big,
";

/// The fixture dataset, parsed and validated.
pub fn dataset() -> Dataset {
    let models = models_csv();
    let src = Sources {
        models: &models,
        organizations: ORGS,
        partnerships: "org_a,org_b,kind,note,source_url\nalpha,beta,investment,Money.,https://example.org/p\n",
        benchmarks: BENCHMARKS,
        benchmark_info: BENCH_INFO,
        imagenet_challenge: "year,entry,team,top5_error,extra_data,deep_learning,source_url,note\n",
        compute_eras: "era,start,end,doubling_months_low,doubling_months_central,doubling_months_high,source_url,note\n",
        facts: "id,fact,value,unit,year,source_name,source_url,note\n",
    };
    let ds = Dataset::parse(&src).expect("fixture parses");
    super::validate(&ds, None).expect("fixture is valid");
    ds
}
