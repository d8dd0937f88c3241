package io.memoflow.camel;

import io.memoflow.RejectedInputException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * The intake folders' file filter ({@code filter=#intakeFilter}): lets through every file the
 * file consumer can move, whatever it is (links, pipes and devices are refused with their reason
 * by {@link FolderIntake} and moved to rejected/ by the consumer, which renames them without
 * opening them). What the consumer cannot move is left where it is and said once, with one WARN
 * line and {@code rejected/NAME.error.txt} holding the reason:
 * <ul>
 * <li>a folder, or a symbolic link to a folder or to nothing (the consumer does not move those);</li>
 * <li>a file whose name has a backslash (the consumer reads it as a folder separator).</li>
 * </ul>
 * The folder route is recursive to depth 2 only so that folders are shown to this filter; it
 * lets none of them through, so nothing below inbox/ or decisions/ is ever read.
 */
public final class IntakeFilter implements GenericFileFilter<File> {

    private final Rejections rejections;
    private final Set<String> told = ConcurrentHashMap.newKeySet();

    public IntakeFilter(Rejections rejections) {
        this.rejections = rejections;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        File f = file.getFile();
        Path path = f.toPath();
        String name = f.getName();
        String folder = f.getParentFile() == null ? "inbox" : f.getParentFile().getName();
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return false; // gone since the folder was listed
        }
        RejectedInputException why;
        if (name.indexOf('\\') >= 0) {
            why = new RejectedInputException("Its name has a backslash (\\), which memoflow cannot take from a folder: it would read the "
                    + "backslash as a folder separator. It is left in " + folder + "/ unchanged and unread.",
                    "Rename it without the backslash (for example: mv 'a\\b.md' a-b.md in " + folder + "/); it is then taken.");
        } else if (a.isDirectory()) {
            why = new RejectedInputException("This is a folder; memoflow takes only files from " + folder + "/, not folders, and does not "
                    + "look into them. It is left in " + folder + "/ unchanged.",
                    "Put the files themselves into " + folder + "/, and take the folder away.");
        } else if (a.isSymbolicLink() && (Files.isDirectory(path) || !Files.exists(path))) {
            why = new RejectedInputException("This is a symbolic link (to a folder, or to nothing); memoflow reads only regular files that "
                    + "it is given, never a link, and cannot move this one. It is left in " + folder + "/ unchanged.",
                    "Delete the link, and copy the file itself into " + folder + "/.");
        } else {
            return true;
        }
        long modified = a.lastModifiedTime().toMillis();
        if (told.add(path + "\u0000" + a.size() + "\u0000" + modified)) {
            rejections.leftInPlace(folder, name, a.size(), modified, why);
        }
        return false;
    }
}
