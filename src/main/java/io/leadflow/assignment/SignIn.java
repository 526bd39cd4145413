package io.leadflow.assignment;

/**
 * What signing a person in takes.
 *
 * @param passwordHash the password's hash in Spring Security's delegating format ({@code {bcrypt}…})
 * @param manager      a manager (who also works as a rep), not only a rep
 */
public record SignIn(String username, String passwordHash, boolean manager) {

    @Override
    public String toString() {
        return "SignIn[" + username + (manager ? ", manager]" : "]");
    }
}
