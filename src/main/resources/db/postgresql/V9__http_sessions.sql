-- PostgreSQL's version of db/h2/V9__http_sessions.sql: BYTEA where H2 has BLOB (Jetty reads each as such)
-- sign-ins kept in the database (Jetty's JDBCSessionDataStore, its own column names): a restart signs nobody out
-- and several servers share them. Created here, not by Jetty, so that servers starting together do not race.
-- The attributes (map) are the serialized session: user id, e-mail, role, sign-in time, CSRF token, flashes.
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
