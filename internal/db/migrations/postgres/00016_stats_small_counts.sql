-- +goose Up
-- The disclosure rule (internal/stats/release.go) asks, on every public
-- read of the statistics, which countries' figures of an indicator and year
-- hold a published count from 1 to 4. Few figures do (UNODC publishes none:
-- it writes "<5"), so a partial index holding only those answers at once
-- instead of scanning every figure of the indicator. The rule's query
-- repeats this WHERE clause word for word, so both engines use the index.
CREATE INDEX stat_observations_small ON stat_observations(indicator, year, iso3)
    WHERE status = 'published' AND value_kind = 'count' AND value BETWEEN 1 AND 4;

-- +goose Down
DROP INDEX stat_observations_small;
