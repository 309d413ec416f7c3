-- The catch-up planner (issue 12): a person's plan to catch up on a show by a
-- day, the next season's premiere (target_date NULL) or a day they picked,
-- watching on the weekdays they chose (ISO: Monday 1 … Sunday 7), at a time
-- of day or all day. Only the plan is stored: its sessions are derived on
-- every read from the plan and the person's current history, so marking
-- episodes watched moves the later sessions and nothing goes stale.
CREATE TABLE catch_up_plans (
    user_id      UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    show_id      UUID NOT NULL REFERENCES shows(id) ON DELETE CASCADE,
    target_date  DATE,
    weekdays     SMALLINT[] NOT NULL
                 CHECK (cardinality(weekdays) BETWEEN 1 AND 7 AND weekdays <@ '{1,2,3,4,5,6,7}'::smallint[]),
    session_time TIME,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    PRIMARY KEY (user_id, show_id)
);
-- The key serves a person's plans; this one the cascade from a deleted show.
CREATE INDEX idx_catch_up_plans_show ON catch_up_plans (show_id);
