// Runs EPUBCheck on every file named, in one JVM (each separate run costs ~7 s of start-up).
// Prints "VALID <file>" or "INVALID <file>" and the messages; exits 1 if any file is invalid.
import com.adobe.epubcheck.api.EpubCheck;
import java.io.File;

public class EpubCheckAll {
    public static void main(String[] args) {
        boolean allValid = true;
        for (String path : args) {
            boolean valid = new EpubCheck(new File(path)).validate();
            System.out.println((valid ? "VALID " : "INVALID ") + path);
            allValid &= valid;
        }
        System.exit(allValid ? 0 : 1);
    }
}
