DROP TABLE IF EXISTS catch_up_plans;
