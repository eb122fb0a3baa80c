package io.github.checkoutmtls.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Warns when a file holding a private key can be read by users other than its owner. Only
 * POSIX file systems say so; elsewhere nothing is checked.
 */
final class KeyFilePermissions {

	private static final Log logger = LogFactory.getLog(KeyFilePermissions.class);

	private static final Set<PosixFilePermission> SHARED = EnumSet.of(PosixFilePermission.GROUP_READ,
			PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

	private KeyFilePermissions() {
	}

	/**
	 * Logs a warning when the file is readable or writable by its group or by others.
	 * @param file the file holding a private key
	 * @param property the property naming the file
	 * @return whether a warning was logged
	 */
	static boolean warnIfShared(Path file, String property) {
		Set<PosixFilePermission> permissions = permissions(file);
		if (permissions == null || permissions.stream().noneMatch(SHARED::contains)) {
			return false;
		}
		logger.warn("The private key file '" + file + "' (" + property + ") can be read or written by users other"
				+ " than its owner (" + PosixFilePermissions.toString(permissions) + "); restrict it with 'chmod 600 "
				+ file + "'");
		return true;
	}

	private static Set<PosixFilePermission> permissions(Path file) {
		try {
			return Files.getPosixFilePermissions(file);
		}
		catch (UnsupportedOperationException | IOException ex) {
			return null;
		}
	}

}
