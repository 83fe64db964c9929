-- Each entity's business calendar, written by the server from the finance settings
-- (time zone, weekends, holidays): whether a local date is a business day, the running
-- count of business days (so "N business days later" is an equality join), and the
-- entity's UTC offset on that date (so local times survive daylight-saving changes).
-- Entity '*' is the calendar of entities without settings of their own.
CREATE TABLE IF NOT EXISTS {{table:business_calendar}} {{on_cluster}}
(
    entity           LowCardinality(String),
    date             Date,
    is_business_day  UInt8,
    bd_ordinal       UInt32 COMMENT 'business days up to and including date',
    utc_offset_s     Int32,
    version          UInt64
)
ENGINE = {{engine:ReplacingMergeTree(version)}}
ORDER BY (entity, date);

{{distributed:business_calendar:cityHash64(entity)}}
