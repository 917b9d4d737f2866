package org.maildrift.security;

import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code PUT /api/users/{name}} (admins): creates a user or sets its password and role. */
@RestController
class UserController {

    record UserBody(String password, String role) {
    }

    private final UserAccounts accounts;

    UserController(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @PutMapping("/api/users/{name}")
    ResponseEntity<Void> put(@PathVariable String name, @RequestBody UserBody body) {
        if (!name.matches("[A-Za-z0-9._@-]{1,100}")) {
            throw new IllegalArgumentException("name: use 1 to 100 letters, digits, '.', '_', '@' or '-'");
        }
        if (body == null || body.password() == null || body.role() == null) {
            throw new IllegalArgumentException("password and role are required");
        }
        Role role;
        try {
            role = Role.valueOf(body.role().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role: '" + body.role() + "' is not one of viewer, admin");
        }
        accounts.save(name, body.password(), role);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalid(IllegalArgumentException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setTitle("Invalid user");
        return p;
    }
}
