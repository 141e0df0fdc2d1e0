-- sign-ins kept in the database (Jetty's JDBCSessionDataStore, its own column names): a restart signs nobody out
-- and several servers share them. Created here, not by Jetty, so that servers starting together do not race.
-- The attributes (map) are the serialized session: user id, e-mail, role, sign-in time, CSRF token, flashes.
-- BYTEA is PostgreSQL's binary type and an H2 alias of VARBINARY; Jetty reads the one with getBytes, the other
-- with getBlob, both of which H2 answers for it.
CREATE TABLE http_sessions (
    sessionId      VARCHAR(120) NOT NULL,
    contextPath    VARCHAR(60)  NOT NULL,
    virtualHost    VARCHAR(60)  NOT NULL,
    lastNode       VARCHAR(60),
    accessTime     BIGINT,
    lastAccessTime BIGINT,
    createTime     BIGINT,
    cookieTime     BIGINT,
    lastSavedTime  BIGINT,
    expiryTime     BIGINT,
    maxInterval    BIGINT NOT NULL DEFAULT -999,
    map            BYTEA,
    PRIMARY KEY (sessionId, contextPath, virtualHost)
);
CREATE INDEX idx_http_sessions_expiry ON http_sessions (expiryTime);
