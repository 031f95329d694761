// The "remote" Jest project: createTestDb() puts each suite's libSQL file behind the Hrana bridge.
process.env.TEST_DB_MODE = "remote";
