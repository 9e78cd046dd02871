-- The pre-existing tables of tests/lock_truth.py: in use by the application, holding rows.
CREATE TABLE users (id bigint PRIMARY KEY, email text, name text, phone text, nickname text,
                    legacy int, a int, b int);
CREATE TABLE shops (id bigint PRIMARY KEY);
CREATE TABLE carts (id bigint PRIMARY KEY);
CREATE TABLE coupons (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, shop_id bigint, cart_id bigint,
                     total int, qty int, note text, ref text);
CREATE TABLE customers (id bigint PRIMARY KEY, name text);
CREATE TABLE events (id bigint, at timestamptz);
INSERT INTO users SELECT g, 'u' || g || '@example.com', 'user ' || g, '555-' || g, NULL, g, g, g
  FROM generate_series(1, 1000) g;
INSERT INTO shops SELECT g FROM generate_series(1, 1000) g;
INSERT INTO carts SELECT g FROM generate_series(1, 1000) g;
INSERT INTO coupons SELECT g FROM generate_series(1, 1000) g;
INSERT INTO orders SELECT g, g, g, g, g, 1 + g % 5, 'n', 'r' || g FROM generate_series(1, 1000) g;
INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 1000) g;
INSERT INTO events SELECT g, now() FROM generate_series(1, 1000) g;
CREATE INDEX users_email_idx ON users (email);
CREATE INDEX users_name_idx ON users (name);
CREATE INDEX orders_user_idx ON orders (user_id);
CREATE TABLE measurements (id bigint, year int) PARTITION BY RANGE (year);
CREATE TABLE measurements_2022 PARTITION OF measurements FOR VALUES FROM (2022) TO (2023);
CREATE TABLE measurements_2023 PARTITION OF measurements FOR VALUES FROM (2023) TO (2024);
INSERT INTO measurements SELECT g, 2022 + g % 2 FROM generate_series(1, 1000) g;
CREATE MATERIALIZED VIEW order_totals AS SELECT id AS user_id, id % 7 AS total FROM coupons;
CREATE UNIQUE INDEX order_totals_key ON order_totals (user_id);
ANALYZE;
