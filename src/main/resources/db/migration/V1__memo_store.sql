-- memoflow's store on PostgreSQL (PostgresMemoStore). One row per memorandum: the memorandum as
-- the file store's memo.json (JSON text), plus the columns status and the work sweep list by.
CREATE TABLE memo (
    reference  text PRIMARY KEY,
    body       text NOT NULL,
    summary    text NOT NULL,      -- MemoSummary.toLine(): what memoflow status lists
    state      text NOT NULL,
    finished   boolean NOT NULL,   -- final and no work left
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX memo_unfinished ON memo (reference) WHERE NOT finished;

-- a version's text, cached PDFs: what the file store keeps beside memo.json
CREATE TABLE memo_file (
    reference text NOT NULL,
    name      text NOT NULL,
    bytes     bytea NOT NULL,
    PRIMARY KEY (reference, name)
);

-- which memorandum version a text (its SHA-256) belongs to: the duplicate guard
CREATE TABLE content_claim (
    sha256     text PRIMARY KEY,
    reference  text NOT NULL,
    version    integer NOT NULL,
    intake_key text
);

-- the last number handed out per series (PREFIX-YEAR); numbers are never handed out twice
CREATE TABLE reference_counter (
    series text PRIMARY KEY,
    last   integer NOT NULL
);

-- files every node must share and that are made once per cluster: the token secret, the
-- demonstration keys (name = the file's name in data/keys/)
CREATE TABLE cluster_file (
    name       text PRIMARY KEY,
    bytes      bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
