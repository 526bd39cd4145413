-- The Camunda orchestration cluster keeps its Operate/Tasklist data beside leadflow's.
create database camunda owner leadflow;
