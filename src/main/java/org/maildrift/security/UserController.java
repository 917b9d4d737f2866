package org.maildrift.security;

import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /api/users/{name}} (admins): creates a user, or changes its password, role or whether it
 * is enabled; {@code DELETE /api/users/{name}} removes it. The last enabled admin is kept (409).
 */
@RestController
class UserController {

    record UserBody(String password, String role, Boolean enabled) {
    }

    private final UserAccounts accounts;

    UserController(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @PutMapping("/api/users/{name}")
    ResponseEntity<Void> put(@PathVariable String name, @RequestBody UserBody body) {
        checkName(name);
        if (body == null || (body.password() == null && body.role() == null && body.enabled() == null)) {
            throw new IllegalArgumentException("give password, role or enabled");
        }
        Role role = null;
        if (body.role() != null) {
            try {
                role = Role.valueOf(body.role().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("role: '" + LoginThrottle.printable(body.role())
                        + "' is not one of viewer, admin");
            }
        }
        accounts.put(name, body.password(), role, body.enabled());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/users/{name}")
    ResponseEntity<Void> delete(@PathVariable String name) {
        checkName(name);
        return accounts.delete(name) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    private static void checkName(String name) {
        if (!name.matches("[A-Za-z0-9._@-]{1,100}")) {
            throw new IllegalArgumentException("name: use 1 to 100 letters, digits, '.', '_', '@' or '-'");
        }
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalid(IllegalArgumentException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setTitle("Invalid user");
        return p;
    }

    @ExceptionHandler(UserAccounts.Refused.class)
    ProblemDetail refused(UserAccounts.Refused e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        p.setTitle("Refused");
        return p;
    }
}
