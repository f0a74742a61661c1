/// Checks what spans sections: references between names, and the warnings.
struct ConfigurationValidator {
    let decoder: ConfigurationDecoder

    func validate(_ configuration: Configuration?) {
    }
}
