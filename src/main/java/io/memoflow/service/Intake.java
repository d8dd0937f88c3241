package io.memoflow.service;

/**
 * Where an input came from.
 *
 * @param channel   file, mail or cli
 * @param submitter who sent it (a mail sender), or empty for the folders
 * @param key       identifies this input, so that reading it again after a crash is recognised
 *                  as the same input (file: name, size, time; mail: Message-ID and part)
 * @param name      the input's name as the user gave it, for messages only (never a path)
 */
public record Intake(String channel, String submitter, String key, String name) {
    public Intake {
        submitter = submitter == null ? "" : submitter;
    }
}
