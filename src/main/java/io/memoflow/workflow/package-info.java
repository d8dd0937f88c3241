/**
 * Workflows: the configured stages (assignees, policy, order, deadlines), the decisions on them
 * (from decision files, the command line or mail replies), and the state machine that moves a
 * memorandum through its stages and records what must happen next. No I/O here.
 */
package io.memoflow.workflow;
