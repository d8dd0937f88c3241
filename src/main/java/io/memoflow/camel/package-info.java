/**
 * The daemon's Camel side: the configuration class that binds memoflow's beans for the routes
 * in {@code routes/*.camel.yaml}, the beans the routes call (folder and mail intake, work,
 * rejections), the header and property names ({@link io.memoflow.camel.Headers}), health checks,
 * metrics and the one-daemon-per-home lock. No decisions about memoranda are made here: they
 * are the services' and the domain's.
 */
package io.memoflow.camel;
