-- The kpicheck import database. docs/import.md describes every column.
--
-- A figure is kept three ways: `x_raw` is what the cell said (its text, or
-- the number as Excel stores it), `x` the parsed number in the indicator's
-- own scale (percentages 0-100) or NULL when the cell holds no number, and
-- `x_cell` the A1 address it came from. Nothing a return said is lost.

CREATE TABLE IF NOT EXISTS returns (
    id              INTEGER PRIMARY KEY,
    path            TEXT NOT NULL,
    file_name       TEXT NOT NULL,
    content_hash    TEXT NOT NULL UNIQUE,
    service         TEXT NOT NULL,
    service_source  TEXT NOT NULL,
    period          TEXT NOT NULL,
    financial_year  INTEGER NOT NULL,
    quarter         INTEGER CHECK (quarter BETWEEN 1 AND 4),
    period_index    INTEGER,
    period_source   TEXT NOT NULL,
    imported_at     TEXT NOT NULL,
    import_run      INTEGER NOT NULL,
    superseded_by   INTEGER REFERENCES returns(id),
    status          TEXT NOT NULL CHECK (status IN ('current', 'superseded'))
);
CREATE INDEX IF NOT EXISTS returns_service_period ON returns(service, period, status);
CREATE INDEX IF NOT EXISTS returns_service_index ON returns(service, period_index);

CREATE TABLE IF NOT EXISTS return_tables (
    return_id   INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE,
    sheet       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    schema      TEXT NOT NULL,
    range       TEXT NOT NULL,
    first_cell  TEXT NOT NULL,
    rows        INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS return_tables_return ON return_tables(return_id);

CREATE TABLE IF NOT EXISTS indicator_values (
    id                      INTEGER PRIMARY KEY,
    return_id               INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE,
    sheet                   TEXT NOT NULL,
    row                     INTEGER NOT NULL,
    section                 TEXT,
    ref                     TEXT NOT NULL,
    ref_raw                 TEXT NOT NULL,
    ref_cell                TEXT NOT NULL,
    category                TEXT,
    title                   TEXT NOT NULL,
    title_key               TEXT NOT NULL,
    title_raw               TEXT,
    title_cell              TEXT,
    polarity                TEXT,
    polarity_raw            TEXT,
    polarity_cell           TEXT,
    polarity_source         TEXT,
    unit                    TEXT,
    period                  TEXT,
    period_index            INTEGER,
    period_covered_raw      TEXT,
    period_covered_cell     TEXT,
    annual_target_raw       TEXT,
    annual_target           REAL,
    annual_target_cell      TEXT,
    annual_target_year      INTEGER,
    target_raw              TEXT,
    target                  REAL,
    target_cell             TEXT,
    numerator_raw           TEXT,
    numerator               REAL,
    numerator_cell          TEXT,
    denominator_raw         TEXT,
    denominator             REAL,
    denominator_cell        TEXT,
    result_raw              TEXT,
    result                  REAL,
    result_cell             TEXT,
    result_tol              REAL,
    result_shown_percent    INTEGER,
    previous_result_raw     TEXT,
    previous_result         REAL,
    previous_result_cell    TEXT,
    previous_result_tol     REAL,
    previous_period         TEXT,
    previous_period_index   INTEGER,
    year_ago_result_raw     TEXT,
    year_ago_result         REAL,
    year_ago_result_cell    TEXT,
    year_ago_result_tol     REAL,
    year_ago_period         TEXT,
    year_ago_period_index   INTEGER,
    dot_short_raw           TEXT,
    dot_short               TEXT,
    dot_short_cell          TEXT,
    dot_long_raw            TEXT,
    dot_long                TEXT,
    dot_long_cell           TEXT,
    target_variance_raw     TEXT,
    target_variance         REAL,
    target_variance_cell    TEXT,
    dot_variance_raw        TEXT,
    dot_variance            REAL,
    dot_variance_cell       TEXT,
    rag_raw                 TEXT,
    rag                     TEXT,
    rag_cell                TEXT,
    benchmark_raw           TEXT,
    benchmark_cell          TEXT,
    service_raw             TEXT,
    service_cell            TEXT,
    comments_raw            TEXT,
    comments_cell           TEXT
);
CREATE INDEX IF NOT EXISTS indicator_values_return ON indicator_values(return_id);
CREATE INDEX IF NOT EXISTS indicator_values_ref ON indicator_values(ref, period_index);
CREATE INDEX IF NOT EXISTS indicator_values_prev ON indicator_values(ref, previous_period_index);
CREATE INDEX IF NOT EXISTS indicator_values_year_ago ON indicator_values(ref, year_ago_period_index);

CREATE TABLE IF NOT EXISTS risks (
    id                          INTEGER PRIMARY KEY,
    return_id                   INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE,
    sheet                       TEXT NOT NULL,
    row                         INTEGER NOT NULL,
    risk_id                     TEXT NOT NULL,
    risk_id_cell                TEXT NOT NULL,
    title                       TEXT,
    title_cell                  TEXT,
    inherent_impact_raw         TEXT,
    inherent_impact             REAL,
    inherent_impact_cell        TEXT,
    inherent_likelihood_raw     TEXT,
    inherent_likelihood         REAL,
    inherent_likelihood_cell    TEXT,
    inherent_score_raw          TEXT,
    inherent_score              REAL,
    inherent_score_cell         TEXT,
    residual_impact_raw         TEXT,
    residual_impact             REAL,
    residual_impact_cell        TEXT,
    residual_likelihood_raw     TEXT,
    residual_likelihood         REAL,
    residual_likelihood_cell    TEXT,
    residual_score_raw          TEXT,
    residual_score              REAL,
    residual_score_cell         TEXT,
    target_impact_raw           TEXT,
    target_impact               REAL,
    target_impact_cell          TEXT,
    target_likelihood_raw       TEXT,
    target_likelihood           REAL,
    target_likelihood_cell      TEXT,
    target_score_raw            TEXT,
    target_score                REAL,
    target_score_cell           TEXT,
    band_raw                    TEXT,
    band                        TEXT,
    band_cell                   TEXT,
    direction_raw               TEXT,
    direction                   TEXT,
    direction_cell              TEXT,
    response_raw                TEXT,
    response                    TEXT,
    response_cell               TEXT
);
CREATE INDEX IF NOT EXISTS risks_return ON risks(return_id);
CREATE INDEX IF NOT EXISTS risks_risk ON risks(risk_id);

CREATE TABLE IF NOT EXISTS finance_lines (
    id                      INTEGER PRIMARY KEY,
    return_id               INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE,
    sheet                   TEXT NOT NULL,
    row                     INTEGER NOT NULL,
    kind                    TEXT NOT NULL,
    line                    TEXT NOT NULL,
    line_cell               TEXT NOT NULL,
    is_total                INTEGER NOT NULL DEFAULT 0,
    original_budget_raw     TEXT,
    original_budget         REAL,
    original_budget_cell    TEXT,
    revised_budget_raw      TEXT,
    revised_budget          REAL,
    revised_budget_cell     TEXT,
    additions_raw           TEXT,
    additions               REAL,
    additions_cell          TEXT,
    slippage_raw            TEXT,
    slippage                REAL,
    slippage_cell           TEXT,
    outturn_raw             TEXT,
    outturn                 REAL,
    outturn_cell            TEXT,
    variation_raw           TEXT,
    variation               REAL,
    variation_cell          TEXT,
    variation_pct_raw       TEXT,
    variation_pct           REAL,
    variation_pct_cell      TEXT,
    comments_raw            TEXT,
    comments_cell           TEXT
);
CREATE INDEX IF NOT EXISTS finance_lines_return ON finance_lines(return_id);

-- Cells of a table's rows under columns no schema key names (a "2019/20
-- Target" beside the year's own target): kept as written.
CREATE TABLE IF NOT EXISTS other_values (
    id          INTEGER PRIMARY KEY,
    return_id   INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE,
    sheet       TEXT NOT NULL,
    row         INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    key         TEXT,
    header      TEXT NOT NULL,
    raw         TEXT NOT NULL,
    cell        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS other_values_return ON other_values(return_id);

CREATE TABLE IF NOT EXISTS findings (
    id          INTEGER PRIMARY KEY,
    return_id   INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE,
    rule        TEXT NOT NULL,
    severity    TEXT NOT NULL,
    sheet       TEXT NOT NULL,
    cell        TEXT NOT NULL,
    key         TEXT,
    title       TEXT,
    message     TEXT NOT NULL,
    found       TEXT NOT NULL,
    expected    TEXT,
    fixable     INTEGER NOT NULL,
    related     TEXT
);
CREATE INDEX IF NOT EXISTS findings_return ON findings(return_id);

-- Indicator values of the returns in force: what the audit reads.
CREATE VIEW IF NOT EXISTS current_indicators AS
SELECT iv.*, r.path, r.service, r.financial_year, r.quarter,
       r.period AS return_period, r.period_index AS return_period_index
FROM indicator_values iv JOIN returns r ON r.id = iv.return_id
WHERE r.status = 'current';

CREATE VIEW IF NOT EXISTS current_risks AS
SELECT k.*, r.path, r.service, r.period AS return_period,
       r.period_index AS return_period_index
FROM risks k JOIN returns r ON r.id = k.return_id
WHERE r.status = 'current';
